import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import path from 'node:path';
import { secretFile } from '../lib/secret-file';

export interface DevIdpState {
  /** One password for every demo user, so the demo command can print it. */
  demoPassword: string;
  /** The console client's secret (client_secret_basic at the token endpoint). */
  clientSecret: string;
  /** Keys that sign the provider's cookies. */
  cookieKeys: string[];
  /** The ID-token signing key as a private JWK set; stable, so tokens survive a restart. */
  jwks: { keys: Record<string, unknown>[] };
}

/** Readable without look-alike characters, for a person typing it from the terminal. */
function demoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
}

function signingJwks(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };
  return JSON.stringify({ keys: [jwk] });
}

/**
 * The provider's secrets under `dir` (.atrium/idp), each made once with mode
 * 600. The launcher, the provider and the tests read the same files.
 */
export function devIdpState(dir: string): DevIdpState {
  const f = (name: string) => path.join(dir, name);
  return {
    demoPassword: secretFile(f('demo-password'), demoPassword),
    clientSecret: secretFile(f('console-client-secret')),
    cookieKeys: JSON.parse(secretFile(f('cookie-keys.json'), () => JSON.stringify([randomBytes(32).toString('base64url')]))),
    jwks: JSON.parse(secretFile(f('jwks.json'), signingJwks)),
  };
}
