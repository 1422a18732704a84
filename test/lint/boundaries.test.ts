import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint();
// Loading the config (Next's and typescript-eslint's plugins) takes seconds on a busy machine: once, before the cases.
beforeAll(() => eslint.lintText('export {};\n', { filePath: 'server/x.ts' }), 60_000);

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

// DESIGN.md's boundaries are only real if the linter rejects a violation.
describe('architectural lint boundaries', () => {
  it.each([
    ['server/queries/x.ts', "import { KubeConfig } from '@kubernetes/client-node';\nexport const k = KubeConfig;\n", 'Only server/kube talks to Kubernetes'],
    ['app/x.ts', 'export const v = process.env.FOO;\n', 'Read configuration through server/env.ts'],
    ['server/tenancy/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'server/tenancy is pure domain logic: no I/O.'],
    ['server/tenancy/y.ts', "import { listNamespaceNames } from '@/server/kube';\nexport const l = listNamespaceNames;\n", 'no framework, client or database'],
    ['server/controller/x.ts', "import { headers } from 'next/headers';\nexport const h = headers;\n", 'never imports Next.js'],
    ['server/queries/db.ts', "import { PrismaClient } from '@/prisma/generated/client';\nexport const p = PrismaClient;\n", 'Only server/audit talks to the audit database'],
    ['app/x/page.ts', "import { PrismaPg } from '@prisma/adapter-pg';\nexport const p = PrismaPg;\n", 'Only server/audit talks to the audit database'],
    ['server/controller/db.ts', "import pg from 'pg';\nexport const p = pg;\n", 'Only server/audit talks to the audit database'],
    ['server/kube/db.ts', "import { Prisma } from '../../prisma/generated/client';\nexport const p = Prisma;\n", 'Only server/audit talks to the audit database'],
  ])('rejects the violation in %s', async (filePath, code, message) => {
    expect((await ruleIds(filePath, code)).join('\n')).toContain(message);
  });

  it.each([
    ['server/kube/x.ts', "import { KubeConfig } from '@kubernetes/client-node';\nexport const k = KubeConfig;\n"],
    ['server/env.ts', 'export const v = process.env.FOO;\n'],
    ['server/audit/x.ts', "import { PrismaClient } from '@/prisma/generated/client';\nimport pg from 'pg';\nexport const p = [PrismaClient, pg];\n"],
  ])('allows the owner %s', async (filePath, code) => {
    const found = await ruleIds(filePath, code);
    expect(found.filter((m) => m.startsWith('no-restricted'))).toEqual([]);
  });
});
