import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { consoleUrl, withImpersonationConsole } from './scripts/lib/console';
import { impersonationConsoleUrl, stateDir } from './scripts/lib/paths';

// The stack (cluster, console, ...) is started by `npm run stack:up` before
// Playwright runs; Playwright cannot download browsers here, so it drives
// Debian's Chromium.
/**
 * The development identity provider serves HTTPS with a certificate from the dev cluster's own CA. Chromium trusts
 * exactly that key (by its SPKI hash) and nothing else unusual: certificate errors anywhere else still fail.
 */
function trustDevProvider(): string[] {
  const cert = path.join(stateDir, 'pki', 'oidc-serving.crt');
  if (!existsSync(cert)) return [];
  const spki = new X509Certificate(readFileSync(cert)).publicKey.export({ type: 'spki', format: 'der' });
  return [`--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`];
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  retries: 0,
  reporter: [['list']],
  // Every spec against the default console (people's own tokens); the tenant flows again against the console that
  // impersonates people, when the stack runs one (scripts/test.sh).
  projects: [
    { name: 'passthrough', use: { baseURL: consoleUrl } },
    ...(withImpersonationConsole ? [{ name: 'impersonation', testMatch: 'spaces.spec.ts', use: { baseURL: impersonationConsoleUrl } }] : []),
  ],
  use: {
    baseURL: consoleUrl,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', ...trustDevProvider()],
    },
  },
});
