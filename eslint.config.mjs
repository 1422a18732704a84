import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Architectural boundaries from DESIGN.md, enforced rather than hoped for.
const kubeClient = { name: '@kubernetes/client-node', message: 'Only server/kube talks to Kubernetes. Add a function there.' };
const noProcessEnv = {
  object: 'process',
  property: 'env',
  message: 'Read configuration through server/env.ts, where it is parsed and validated once.',
};
// One module owns the audit database (DESIGN.md): its client, driver and generated code stay inside server/audit.
const dbMessage = 'Only server/audit talks to the audit database. Add a function there.';
const dbClients = ['@prisma/client', '@prisma/adapter-pg', 'pg'].map((name) => ({ name, message: dbMessage }));
const dbPatterns = [{ group: ['@prisma/client/*', '**/prisma/generated', '**/prisma/generated/*', '@/prisma/generated', '@/prisma/generated/*'], message: dbMessage }];
const ioModules = ['node:fs', 'node:fs/promises', 'node:net', 'node:http', 'node:https', 'node:child_process', 'fs', 'net', 'http', 'https', 'child_process', 'pg', '@prisma/client'];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', '.atrium/**', 'dist/**', 'node_modules/**', 'next-env.d.ts', 'prisma/generated/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [kubeClient, ...dbClients], patterns: dbPatterns }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['server/kube/**'],
    rules: { 'no-restricted-imports': ['error', { paths: dbClients, patterns: dbPatterns }] },
  },
  {
    // The owner; scripts/ sets databases up and migrates them; test/audit tests the owner's schema itself.
    files: ['server/audit/**', 'scripts/**', 'test/audit/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [kubeClient] }] },
  },
  {
    files: ['app/**', 'components/**', 'server/**'],
    ignores: ['server/env.ts'],
    rules: { 'no-restricted-properties': ['error', noProcessEnv] },
  },
  {
    files: ['server/tenancy/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [kubeClient, ...ioModules.map((name) => ({ name, message: 'server/tenancy is pure domain logic: no I/O.' }))],
        patterns: [{ group: ['next', 'next/*', '@/server/kube*', '@/server/audit*', '../kube*', '../audit*'], message: 'server/tenancy is pure domain logic: no framework, client or database.' }, ...dbPatterns],
      }],
    },
  },
  {
    files: ['server/controller/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [kubeClient, ...dbClients],
        patterns: [{ group: ['next', 'next/*', 'react', 'react-dom'], message: 'The controller is its own process and never imports Next.js or React.' }, ...dbPatterns],
      }],
    },
  },
];

export default config;
