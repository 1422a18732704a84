import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stateDir } from './paths';

/**
 * `.atrium/stack.env`: where the running stack is, as KEY=value lines, for
 * scripts and checks (CONSOLE_URL, OIDC_ISSUER, DEMO_PASSWORD, KUBECONFIG,
 * KUBE_APISERVER, and DATABASE_URL once the database joins the stack).
 */
export const stackEnvFile = path.join(stateDir, 'stack.env');

export function readStackEnv(file = stackEnvFile): Record<string, string> {
  if (!existsSync(file)) return {};
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#') && line.includes('='))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
  return Object.fromEntries(entries);
}

/** Merges keys into stack.env, keeping the others: each part of the stack writes what it knows. */
export function writeStackEnv(partial: Record<string, string>, file = stackEnvFile): void {
  for (const [key, value] of Object.entries(partial)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(key)) throw new Error(`stack.env: key ${JSON.stringify(key)} must be UPPER_SNAKE_CASE`);
    if (/[\n\r]/.test(value)) throw new Error(`stack.env: the value of ${key} must be one line`);
  }
  const merged = { ...readStackEnv(file), ...partial };
  const lines = Object.entries(merged).map(([k, v]) => `${k}=${v}`);
  // DEMO_PASSWORD is in here: owner-only, like the other secrets under .atrium/.
  writeFileSync(file, `# Written by npm run stack:up; removed by stack:down.\n${lines.join('\n')}\n`, { mode: 0o600 });
}

export function removeStackEnv(): void {
  rmSync(stackEnvFile, { force: true });
}
