import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/lib/paths';
import { runSql } from '../../scripts/lib/postgres';
import type { AuditStore } from '@/server/audit';
import { KICK_DELAY_MS } from '@/server/audit/chain-linker';
import { contentHash, linkHash } from '@/server/audit/content-hash';
import { alice, bob, freshAuditDatabase, tempDir, testStore, uid, type TestDatabase } from './support';

let db: TestDatabase;
const spool = tempDir('chain');
const stores: AuditStore[] = [];

beforeAll(async () => {
  db = await freshAuditDatabase('chain');
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await db?.drop();
  spool.remove();
});

function store(): AuditStore {
  // One connection each: sixteen stores are sixteen separate writers, as sixteen console or controller processes.
  const s = testStore(db.appUrl, spool.dir, { poolMax: 1 });
  stores.push(s);
  return s;
}

/** npm run audit:verify against the test database, as an operator runs it. */
function auditVerifyCli(...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/audit-verify.ts'), ...args], {
      cwd: root, env: { ...process.env, DATABASE_URL: db.appUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('hash chain', () => {
  it('16 concurrent writers leave one unbroken, gap-free chain', async () => {
    const writers = Array.from({ length: 16 }, () => store());
    const perWriter = 25;
    await Promise.all(writers.map((w, i) => (async () => {
      for (let j = 0; j < perWriter; j++) {
        await w.recordAuditEvent({ requestId: `w${i}-${j}-${uid()}`, source: 'console', actor: i % 2 ? alice : bob, action: 'space.create',
          target: { kind: 'Space', name: `s-${i}-${j}`, account: i % 2 ? 'team-a' : 'team-b' }, summary: { writer: i, n: j }, outcome: 'done' });
      }
    })()));
    // Each writer's commit only put its rows in the inbox; sixteen linkers (one per store, kicked after every write)
    // raced to move them into the chain. One more pass, as any reader makes, and nothing may be left behind.
    await stores[0]!.linkAuditChain();
    expect(await runSql(db.appUrl, 'SELECT count(*)::int AS n FROM audit_inbox')).toEqual([{ n: 0 }]);
    const [{ n, min, max }] = await runSql(db.appUrl, 'SELECT count(*)::int AS n, min(seq)::int AS min, max(seq)::int AS max FROM audit_event');
    expect({ n, min, max }).toEqual({ n: 16 * perWriter, min: 1, max: 16 * perWriter });
    // Every row links to the one before it: no two rows share a predecessor (a fork).
    const [{ forks }] = await runSql(db.appUrl, 'SELECT count(*)::int AS forks FROM (SELECT prev_hash FROM audit_event GROUP BY prev_hash HAVING count(*) > 1) f');
    expect(forks).toBe(0);
    const report = await stores[0]!.verifyAuditChain();
    expect(report).toMatchObject({ ok: true, checked: 16 * perWriter, headSeq: String(16 * perWriter) });
    expect(await stores[0]!.lastAuditVerification()).toMatchObject({ ok: true, checked: 16 * perWriter, brokenSeq: null });
  });

  it('a request recorded again (a retry, from several writers at once) makes one row', async () => {
    const requestId = `retry-${uid()}`;
    const writers = Array.from({ length: 8 }, () => store());
    const record = (w: AuditStore) => w.recordAuditEvent({ requestId, source: 'console', actor: alice, action: 'space.delete', target: { kind: 'Space', name: 'x' }, outcome: 'done' });
    await Promise.all(writers.map(record));
    await stores[0]!.linkAuditChain();
    // Again once it is in the chain (the spool flushed twice, a client retrying late): still one row.
    await Promise.all(writers.slice(0, 3).map(record));
    await stores[0]!.linkAuditChain();
    expect((await runSql(db.appUrl, 'SELECT count(*)::int AS n FROM audit_event WHERE request_id = $1', [requestId]))[0].n).toBe(1);
    expect(await runSql(db.appUrl, 'SELECT count(*)::int AS n FROM audit_inbox')).toEqual([{ n: 0 }]);
    expect((await stores[0]!.verifyAuditChain()).ok).toBe(true);
  });

  // A writer's process can stop between its commit and the link (or a linker can fail): the row is durable in the
  // inbox, and must not stay out of the chain.
  const unlinkedRow = (requestId: string) => {
    const at = new Date();
    const hash = contentHash({ requestId, at, source: 'api', actorUsername: 'kubectl-user', actorGroups: [], actorVia: 'api', actorIssuer: null,
      action: 'space.create', targetKind: null, targetName: null, targetAccount: null, targetSpace: null, summary: null, outcome: 'done', message: null, clientAddress: null });
    return runSql(db.appUrl, `INSERT INTO audit_inbox (request_id, at, source, actor_username, actor_via, action, outcome, content_hash)
      VALUES ($1, $2, 'api', 'kubectl-user', 'api', 'space.create', 'done', $3)`, [requestId, at, hash]);
  };

  /**
   * Lets the linker kicks that earlier writes scheduled fire and finish: one that fired after the row below was
   * committed would link it before the verifier could, and the test would see someone else's work.
   */
  const linkersSettled = async () => {
    await new Promise((r) => setTimeout(r, 4 * KICK_DELAY_MS));
    await Promise.all(stores.map((s) => s.linkAuditChain()));
  };

  it('a committed row nobody linked is linked by the verifier, which reports it', async () => {
    const requestId = `orphan-${uid()}`;
    await linkersSettled();
    await unlinkedRow(requestId);
    const report = await stores[0]!.verifyAuditChain({ record: false });
    const [row] = await runSql(db.appUrl, 'SELECT seq::text AS seq FROM audit_event WHERE request_id = $1', [requestId]);
    expect(report).toMatchObject({ ok: true, unlinked: { linked: 1, waiting: 0 }, headSeq: row.seq, checked: Number(row.seq) });
    expect(await runSql(db.appUrl, 'SELECT count(*)::int AS n FROM audit_inbox')).toEqual([{ n: 0 }]);
  });

  it('a committed row nobody linked is linked by the sweep of any running process, without a read', async () => {
    const sweeper = testStore(db.appUrl, spool.dir, { flushIntervalMs: 200 });
    stores.push(sweeper);
    const requestId = `swept-${uid()}`;
    await unlinkedRow(requestId);
    const deadline = Date.now() + 10_000;
    let rows: unknown[] = [];
    while (rows.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await runSql(db.appUrl, 'SELECT seq FROM audit_event WHERE request_id = $1', [requestId]);
    }
    expect(rows).toHaveLength(1);
  });

  it('text from users is stored verbatim', async () => {
    const requestId = `xss-${uid()}`;
    const evil = '<img src=x onerror=alert(1)>';
    await stores[0]!.recordAuditEvent({ requestId, source: 'console', actor: { ...alice, username: `${evil}"'\\` }, action: 'account.create',
      target: { kind: 'Account', name: evil, account: evil }, summary: { name: evil, 'é\u2028': 'ünïcödé 😀' }, message: `${evil}\r\n`, outcome: 'denied' });
    await stores[0]!.linkAuditChain();
    const [row] = await runSql(db.appUrl, 'SELECT actor_username, target_name, target_account, summary, message FROM audit_event WHERE request_id = $1', [requestId]);
    expect(row).toEqual({ actor_username: `${evil}"'\\`, target_name: evil, target_account: evil, summary: { name: evil, 'é\u2028': 'ünïcödé 😀' }, message: `${evil}\r\n` });
    expect((await stores[0]!.verifyAuditChain()).ok).toBe(true);
  });

  it('a superuser who rewrites the chain and its head from a row to the end is found with the anchor an earlier run printed', async () => {
    const before = await auditVerifyCli();
    expect(before.code).toBe(0);
    const anchor = /Anchor for the next run \(keep it where the database's superuser cannot write\): --anchor (\d+:[0-9a-f]{64})/.exec(before.out)?.[1];
    expect(anchor).toBeDefined();
    const head = Number(anchor!.split(':')[0]);

    // Change the row three before the head, and recompute its content hash and every link from there to the head.
    const rows = await runSql(db.superuserUrl, `SELECT seq::int AS seq, request_id, at, source::text, actor_username, actor_groups, actor_via::text,
      actor_issuer, action, target_kind, target_name, target_account, target_space, summary, outcome::text, message, client_address, content_hash, prev_hash
      FROM audit_event WHERE seq >= $1 ORDER BY seq`, [head - 3]);
    let prev: Buffer = rows[0].prev_hash;
    const updates: string[] = [];
    for (const r of rows) {
      const content = r.seq === head - 3
        ? contentHash({ requestId: r.request_id, at: r.at, source: r.source, actorUsername: 'someone-else', actorGroups: r.actor_groups, actorVia: r.actor_via,
          actorIssuer: r.actor_issuer, action: r.action, targetKind: r.target_kind, targetName: r.target_name, targetAccount: r.target_account,
          targetSpace: r.target_space, summary: r.summary, outcome: r.outcome, message: r.message, clientAddress: r.client_address })
        : r.content_hash;
      const link = linkHash(BigInt(r.seq), prev, content);
      updates.push(`UPDATE audit_event SET ${r.seq === head - 3 ? "actor_username = 'someone-else', " : ''}content_hash = '\\x${content.toString('hex')}',
        prev_hash = '\\x${prev.toString('hex')}', hash = '\\x${link.toString('hex')}' WHERE seq = ${r.seq};`);
      prev = link;
    }
    await runSql(db.superuserUrl, `BEGIN; SET LOCAL session_replication_role = replica; ${updates.join(' ')}
      UPDATE audit_chain_head SET hash = '\\x${prev.toString('hex')}' WHERE id = 1; COMMIT;`);

    // The chain agrees with itself again: without an anchor nothing is found. With it, the rewrite is.
    expect((await stores[0]!.verifyAuditChain({ record: false })).ok).toBe(true);
    const report = await stores[0]!.verifyAuditChain({ record: false, anchor: { seq: BigInt(head), hash: anchor!.split(':')[1]! } });
    expect(report).toMatchObject({ ok: false, checked: head - 1, broken: { seq: String(head), reason: expect.stringMatching(/does not match the anchor kept outside the database/) } });
    const cli = await auditVerifyCli('--anchor', anchor!);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`Audit chain BROKEN at row ${head}`);

    const bad = await auditVerifyCli('--anchor', '12:xyz');
    expect(bad).toMatchObject({ code: 2, out: expect.stringContaining('--anchor: expected <seq>:<hash> as a previous run printed it') });
  });

  it('the verifier finds a row a superuser altered, and npm run audit:verify reports it', async () => {
    const ok = await auditVerifyCli();
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Audit chain verified: \d+ rows checked up to seq \d+/);

    const [victim] = await runSql(db.appUrl, "SELECT seq::text AS seq, request_id FROM audit_event WHERE action = 'space.create' ORDER BY audit_event.seq LIMIT 1 OFFSET 100");
    // A superuser can bypass the append-only trigger; what they cannot do is make the chain agree.
    await runSql(db.superuserUrl, `BEGIN; SET LOCAL session_replication_role = replica;
      UPDATE audit_event SET actor_username = 'someone-else' WHERE seq = ${Number(victim.seq)}; COMMIT;`);
    const report = await stores[0]!.verifyAuditChain();
    expect(report.ok).toBe(false);
    expect(report.checked).toBe(Number(victim.seq) - 1);
    expect(report.broken).toMatchObject({ seq: victim.seq, requestId: victim.request_id, reason: expect.stringMatching(/content was changed/) });
    expect(await stores[0]!.lastAuditVerification()).toMatchObject({ ok: false, brokenSeq: victim.seq });

    const cli = await auditVerifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`Audit chain BROKEN at row ${victim.seq} (request ${victim.request_id}): its content was changed`);
  });

  it('the verifier finds a row a superuser deleted', async () => {
    const seq = 51;
    await runSql(db.superuserUrl, `BEGIN; SET LOCAL session_replication_role = replica; DELETE FROM audit_event WHERE seq = ${seq}; COMMIT;`);
    const report = await stores[0]!.verifyAuditChain({ record: false });
    expect(report).toMatchObject({ ok: false, checked: seq - 1, broken: { seq: String(seq), reason: expect.stringMatching(/missing/) } });
  });

  it('the verifier finds an altered row whose content hash was recomputed to match', async () => {
    const seq = 10;
    const [r] = await runSql(db.appUrl, `SELECT request_id, at, source::text, actor_username, actor_groups, actor_via::text, actor_issuer, action,
      target_kind, target_name, target_account, target_space, summary, outcome::text, message, client_address FROM audit_event WHERE seq = $1`, [seq]);
    const forged = contentHash({
      requestId: r.request_id, at: r.at, source: r.source, actorUsername: 'someone-else', actorGroups: r.actor_groups, actorVia: r.actor_via,
      actorIssuer: r.actor_issuer, action: r.action, targetKind: r.target_kind, targetName: r.target_name, targetAccount: r.target_account,
      targetSpace: r.target_space, summary: r.summary, outcome: r.outcome, message: r.message, clientAddress: r.client_address,
    });
    await runSql(db.superuserUrl, `BEGIN; SET LOCAL session_replication_role = replica;
      UPDATE audit_event SET actor_username = 'someone-else', content_hash = '\\x${forged.toString('hex')}' WHERE seq = ${seq}; COMMIT;`);
    const report = await stores[0]!.verifyAuditChain({ record: false });
    expect(report).toMatchObject({ ok: false, checked: seq - 1, broken: { seq: String(seq), reason: expect.stringMatching(/link hash does not match/) } });
  });
});
