import { defineConfig } from '@playwright/test';
import { consoleUrl } from './scripts/lib/console';

// The stack (cluster, console, ...) is started by `npm run stack:up` before
// Playwright runs; Playwright cannot download browsers here, so it drives
// Debian's Chromium.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  retries: 0,
  reporter: [['list']],
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
