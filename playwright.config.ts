import { defineConfig } from '@playwright/test';
import { consoleUrl, withImpersonationConsole } from './scripts/lib/console';
import { impersonationConsoleUrl } from './scripts/lib/paths';

// The stack (cluster, console, ...) is started by `npm run stack:up` before
// Playwright runs; Playwright cannot download browsers here, so it drives
// Debian's Chromium.
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
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
