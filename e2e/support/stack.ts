import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stateDir } from '../../scripts/lib/paths';

/**
 * What the running stack wrote to .atrium/stack.env (CONSOLE_URL, OIDC_ISSUER, DEMO_PASSWORD ...). Browser tests
 * sign in with the demo users' password from there, exactly as a person following the README would.
 */
export function stackEnv(): Record<string, string> {
  const file = path.join(stateDir, 'stack.env');
  if (!existsSync(file)) throw new Error(`${file} is missing: start the stack first (npm run stack:up)`);
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#') && l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

export function demoPassword(): string {
  const p = stackEnv().DEMO_PASSWORD;
  if (!p) throw new Error('DEMO_PASSWORD is not in .atrium/stack.env: is the development identity provider part of the stack?');
  return p;
}
