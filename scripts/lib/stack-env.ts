import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stateDir } from './paths';

/** KEY=value settings of the running dev stack, for tools and people to source (`set -a; . .atrium/stack.env`). */
export const stackEnvFile = path.join(stateDir, 'stack.env');

export function readStackEnv(): Record<string, string> {
  if (!existsSync(stackEnvFile)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(stackEnvFile, 'utf8').split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** Sets keys in .atrium/stack.env, keeping the others (each part of the stack writes its own). */
export function writeStackEnv(values: Record<string, string>): void {
  const merged = { ...readStackEnv(), ...values };
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(stackEnvFile, Object.entries(merged).map(([k, v]) => `${k}=${v}\n`).join(''), { mode: 0o600 });
}
