import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, stateDir } from '../../scripts/lib/paths';
import { freePort, runSql, startPostgres, stopPostgres, type PostgresInstance } from '../../scripts/lib/postgres';
import { AuditUnavailableError, type AuditStore } from '@/server/audit';
import { kubeRequest } from '@/server/kube';
import { uniqueName } from '../support/kubectl';
import { alice, freshAuditDatabase, tempDir, testStore, uid, type TestDatabase } from './support';

// A PostgreSQL of this file's own: stopping it must not disturb other files that use the stack's.
const inst: PostgresInstance = { dir: path.join(stateDir, `pg-down-${uid()}`), port: 0 };
const spool = tempDir('down');
const ns = uniqueName('audit-down');
let db: TestDatabase;
const stores: AuditStore[] = [];

function store(opts: Parameters<typeof testStore>[2] = {}): AuditStore {
  const s = testStore(db.appUrl, spool.dir, { dbTimeoutMs: 1000, ...opts });
  stores.push(s);
  return s;
}
const spoolFiles = (kind: 'event' | 'intent') => readdirSync(spool.dir).filter((f) => f.endsWith(`.${kind}.json`));
async function configMapNames(): Promise<Set<string>> {
  const list = await kubeRequest({ path: `/api/v1/namespaces/${ns}/configmaps` });
  return new Set(list.items.map((c: any) => c.metadata.name as string).filter((n: string) => n.startsWith('cm-') || n.startsWith('crash-')));
}
async function rowsByName(): Promise<Map<string, { outcome: string; n: number }>> {
  const rows = await runSql(db.appUrl, 'SELECT target_name, min(outcome::text) AS outcome, count(*)::int AS n FROM audit_event WHERE target_space = $1 GROUP BY target_name', [ns]);
  return new Map(rows.map((r) => [r.target_name, { outcome: r.outcome, n: r.n }]));
}

beforeAll(async () => {
  inst.port = await freePort();
  await startPostgres(inst);
  db = await freshAuditDatabase('down', inst);
  await kubeRequest({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: ns } } });
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close().catch(() => undefined)));
  await kubeRequest({ method: 'DELETE', path: `/api/v1/namespaces/${ns}` }).catch(() => undefined);
  await stopPostgres(inst, 'immediate').catch(() => undefined);
  rmSync(inst.dir, { recursive: true, force: true });
  spool.remove();
});

describe('nothing lost when the database goes away', () => {
  it('PostgreSQL stopped in the middle of a run of mutations: every cluster change has exactly one audit row, also after restarts', async () => {
    const s1 = store();
    const N = 30;
    const STOP_AFTER = 10;
    const results: string[] = [];
    const refusals: string[] = [];
    let next = 0;
    // Four at a time, like a console serving several people: some are in flight when the database stops.
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < N) {
        const i = next++;
        try {
          await s1.withAudit(
            { requestId: `${ns}-cm-${i}`, source: 'console', actor: alice, action: 'configmap.create', target: { kind: 'ConfigMap', name: `cm-${i}`, space: ns }, summary: { i } },
            async () => {
              await kubeRequest({ method: 'POST', path: `/api/v1/namespaces/${ns}/configmaps`, body: { metadata: { name: `cm-${i}` }, data: { i: String(i) } } });
              if (i === STOP_AFTER) await stopPostgres(inst, 'immediate');
            },
          );
          results[i] = 'done';
        } catch (err) {
          results[i] = err instanceof AuditUnavailableError ? 'refused' : `error: ${err}`;
          if (err instanceof AuditUnavailableError) refusals.push(err.message);
        }
      }
    }));

    expect(results.filter((r) => r.startsWith('error'))).toEqual([]);
    expect(results.slice(0, STOP_AFTER).every((r) => r === 'done')).toBe(true);
    expect(results.filter((r) => r === 'refused').length).toBeGreaterThan(10);
    expect(refusals[0]).toBe('The audit database is unavailable, so nothing was changed. Try again in a minute; if it persists tell your cluster admin.');
    // A refused change never reached the cluster; an allowed one did, and its outcome waits in the spool.
    const inCluster = await configMapNames();
    results.forEach((r, i) => expect(inCluster.has(`cm-${i}`), `cm-${i} ${r}`).toBe(r === 'done'));
    const spooled = spoolFiles('event');
    expect(spooled.length).toBeGreaterThanOrEqual(1);
    expect(spoolFiles('intent')).toEqual([]);

    // The database comes back; the flusher writes what waited.
    await startPostgres(inst);
    const saved = spooled.map((f) => [f, readFileSync(path.join(spool.dir, f), 'utf8')] as const);
    expect(await s1.flushAuditSpool()).toEqual({ written: spooled.length, pending: 0 });
    expect(spoolFiles('event')).toEqual([]);

    // A crash between a row's insert and its file's removal brings the files back; a restarted process flushes them
    // again — and makes no second row.
    for (const [f, body] of saved) writeFileSync(path.join(spool.dir, f), body);
    await s1.close();
    const s2 = store();
    expect(await s2.flushAuditSpool()).toEqual({ written: spooled.length, pending: 0 });

    // What readers see: the chain with everything committed so far linked into it, nothing left behind in the inbox.
    await s2.linkAuditChain();
    expect(await runSql(db.appUrl, 'SELECT count(*)::int AS n FROM audit_inbox')).toEqual([{ n: 0 }]);
    const rows = await rowsByName();
    expect([...rows.keys()].sort()).toEqual([...inCluster].sort());
    for (const [name, r] of rows) expect(r, name).toEqual({ outcome: 'done', n: 1 });
    expect(await s2.verifyAuditChain()).toMatchObject({ ok: true, checked: inCluster.size });
  });

  it('a process killed between the change and its outcome: its journal records the change as unknown, once', async () => {
    const name = `crash-${uid()}`;
    const code = await new Promise<NodeJS.Signals | number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/audit/support/crash-mid-change.ts'), db.appUrl, spool.dir, ns, name],
        { cwd: root, env: process.env, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (c, signal) => resolve(signal ?? c));
    });
    expect(code).toBe('SIGKILL');
    expect((await configMapNames()).has(name)).toBe(true);
    expect(spoolFiles('intent')).toHaveLength(1);

    // Another process may still be making that change: left alone until it is older than the orphan timeout.
    const patient = store();
    expect(await patient.flushAuditSpool()).toEqual({ written: 0, pending: 1 });
    const s = store({ orphanAfterMs: 0 });
    expect(await s.flushAuditSpool()).toEqual({ written: 1, pending: 0 });
    expect(spoolFiles('intent')).toEqual([]);
    const { events } = await s.listAuditEvents({ space: ns, text: name });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'unknown', target: { kind: 'ConfigMap', name }, message: expect.stringMatching(/stopped before its outcome was known/) });
    expect((await s.verifyAuditChain()).ok).toBe(true);
  });
});
