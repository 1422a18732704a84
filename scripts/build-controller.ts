// npm run build:controller — the controller image's JavaScript (Dockerfile.controller): one ES module per entry point
// in dist/controller/, dependencies included, so the image needs node and these files only (no node_modules, no
// TypeScript, no tsx). dist/controller/migrate.mjs applies prisma/migrations (the chart's atrium-migrate Job).
import { build } from 'esbuild';
import path from 'node:path';
import { root } from './lib/paths';

const outdir = path.join(root, 'dist', 'controller');
await build({
  entryPoints: { controller: path.join(root, 'server/controller/main.ts'), migrate: path.join(root, 'scripts/db.ts') },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  tsconfig: path.join(root, 'tsconfig.json'),
  sourcemap: 'linked',
  // CommonJS dependencies call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __atriumCreateRequire } from 'node:module'; const require = __atriumCreateRequire(import.meta.url);" },
  // Optional native speed-ups of ws; it falls back to JavaScript without them.
  external: ['bufferutil', 'utf-8-validate'],
  logLevel: 'warning',
});
console.log(`built ${path.relative(root, outdir)}/controller.mjs and migrate.mjs`);
