import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A secret made once and kept in a file only its owner may read (mode 600),
 * so restarts keep passwords, client secrets and signing keys stable.
 * Creation is exclusive ('wx'): two processes racing read the same value.
 */
export function secretFile(file: string, make: () => string = () => randomBytes(32).toString('base64url')): string {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, make(), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readFileSync(file, 'utf8');
}
