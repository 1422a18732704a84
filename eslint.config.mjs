import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Architectural boundaries from DESIGN.md, enforced rather than hoped for.
const kubeClient = { name: '@kubernetes/client-node', message: 'Only server/kube talks to Kubernetes. Add a function there.' };
const noProcessEnv = {
  object: 'process',
  property: 'env',
  message: 'Read configuration through server/env.ts, where it is parsed and validated once.',
};
const ioModules = ['node:fs', 'node:fs/promises', 'node:net', 'node:http', 'node:https', 'node:child_process', 'fs', 'net', 'http', 'https', 'child_process', 'pg', '@prisma/client'];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', '.atrium/**', 'node_modules/**', 'next-env.d.ts', 'prisma/generated/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [kubeClient] }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['server/kube/**'],
    rules: { 'no-restricted-imports': 'off' },
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
        patterns: [{ group: ['next', 'next/*', '@/server/kube*', '@/server/audit*', '../kube*', '../audit*'], message: 'server/tenancy is pure domain logic: no framework, client or database.' }],
      }],
    },
  },
  {
    files: ['server/controller/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [kubeClient],
        patterns: [{ group: ['next', 'next/*', 'react', 'react-dom'], message: 'The controller is its own process and never imports Next.js or React.' }],
      }],
    },
  },
];

export default config;
