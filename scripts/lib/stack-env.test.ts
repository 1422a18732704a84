import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStackEnv, writeStackEnv } from './stack-env';

const tempFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'stack-env-')), 'stack.env');

describe('stack.env', () => {
  it('merges what each part of the stack writes, keeping the keys it does not name', () => {
    const file = tempFile();
    writeStackEnv({ KUBECONFIG: '/x/kubeconfig', OIDC_ISSUER: 'https://localhost:5556' }, file);
    writeStackEnv({ DATABASE_URL: 'postgresql://u:p@127.0.0.1:5532/atrium?sslmode=disable', OIDC_ISSUER: 'https://localhost:5656' }, file);
    expect(readStackEnv(file)).toEqual({
      KUBECONFIG: '/x/kubeconfig',
      OIDC_ISSUER: 'https://localhost:5656',
      DATABASE_URL: 'postgresql://u:p@127.0.0.1:5532/atrium?sslmode=disable',
    });
    expect(readFileSync(file, 'utf8')).toContain('\nDATABASE_URL=postgresql://u:p@127.0.0.1:5532/atrium?sslmode=disable\n');
    expect(statSync(file).mode & 0o777).toBe(0o600); // it holds the demo password
  });

  it.each([
    [{ 'oidc-issuer': 'x' }, /oidc-issuer.*UPPER_SNAKE_CASE/],
    [{ DEMO_PASSWORD: 'a\nEVIL=1' }, /DEMO_PASSWORD must be one line/],
  ])('refuses %j, naming the key', (partial, message) => {
    const file = tempFile();
    expect(() => writeStackEnv(partial, file)).toThrow(message);
    expect(readStackEnv(file)).toEqual({});
  });
});
