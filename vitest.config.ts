import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // Server modules import 'server-only', which throws outside React's server condition; Next resolves it to the
    // package's own empty module on the server, and tests run that server code in Node: the same module here.
    alias: { 'server-only': `${import.meta.dirname}/node_modules/server-only/empty.js` },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/*.serial.test.ts', 'node_modules/**', '.atrium/**', 'e2e/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'acceptance',
          // The walkthrough, and tests that stop the shared controller: one file at a time, after the parallel tier.
          include: ['e2e/**/*.acceptance.test.ts', 'test/**/*.serial.test.ts'],
          globalSetup: ['test/setup/cluster.ts'],
          env: { ATRIUM_KUBECONFIG: `${import.meta.dirname}/.atrium/kubeconfig` },
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // The walkthrough is one story: its steps run in order, alone.
          fileParallelism: false,
          sequence: { concurrent: false },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.integration.test.ts'],
          exclude: ['node_modules/**', '.atrium/**'],
          // Starts (or reuses) the dev control plane once for the whole run.
          globalSetup: ['test/setup/cluster.ts'],
          // Tests act as the cluster admin unless they impersonate (--as) or use a tenant's kubeconfig.
          env: { ATRIUM_KUBECONFIG: `${import.meta.dirname}/.atrium/kubeconfig` },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Files share one cluster; they run in parallel but each works in its own namespaces.
          fileParallelism: true,
        },
      },
    ],
  },
});
