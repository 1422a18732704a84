import { readFileSync } from 'node:fs';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma, PrismaClient } from '@/prisma/generated/client';
import { runSql } from '../../scripts/lib/postgres';
import { alice, freshAuditDatabase, tempDir, testStore, uid, type TestDatabase } from './support';

let db: TestDatabase;
let owner: PrismaClient;
const spool = tempDir('schema');

beforeAll(async () => {
  db = await freshAuditDatabase('schema');
  owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.ownerUrl }) });
});
afterAll(async () => {
  await owner?.$disconnect();
  await db?.drop();
  spool.remove();
});

// The migrations are hand-written SQL; schema.prisma is what the client is generated from. If they disagree on any
// model, field, type or enum value, one of these writes or reads fails.
describe('the migrated database and schema.prisma agree', () => {
  it('AuditEvent: every field written through the generated client reads back the same, chain fields set by the database', async () => {
    const data = {
      requestId: `schema-${uid()}`, at: new Date('2026-11-30T10:11:12.345Z'), source: 'api' as const, actorUsername: 'kubernetes-admin',
      actorGroups: ['system:masters', 'system:authenticated'], actorVia: 'token' as const, actorIssuer: 'https://issuer.example',
      action: 'account.update', targetKind: 'Account', targetName: 'team-a', targetAccount: 'team-a', targetSpace: 'team-a-dev',
      summary: { spec: { subjects: [{ kind: 'Group', name: 'team-a' }] }, n: 1.5 }, outcome: 'denied' as const,
      message: 'admission webhook "account.kiosk.sh" denied the request', clientAddress: '192.0.2.7', contentHash: Buffer.alloc(32, 7),
    };
    const created = await owner.auditEvent.create({ data });
    const read = await owner.auditEvent.findUniqueOrThrow({ where: { requestId: data.requestId } });
    expect(read).toEqual(created);
    expect(read).toMatchObject({ ...data, contentHash: new Uint8Array(data.contentHash) });
    expect(read.seq).toBe(1n);
    expect(Buffer.from(read.prevHash)).toEqual(Buffer.alloc(32));
    expect(read.hash).toHaveLength(32);
    expect(read.recordedAt).toBeInstanceOf(Date);

    const head = await owner.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(head).toEqual({ id: 1, seq: 1n, hash: read.hash });
  });

  it('every @@index of schema.prisma is in the database, with the same columns in the same order and direction', async () => {
    // Prisma's own migrate would otherwise write a migration to "fix" the difference where its engines run.
    const declared: string[] = [];
    for (const [, body] of readFileSync('prisma/schema.prisma', 'utf8').matchAll(/^model \w+ \{\n([\s\S]*?)^\}/gm)) {
      const table = /@@map\("(\w+)"\)/.exec(body!)![1];
      const column = (field: string) => new RegExp(`^\\s*${field}\\s.*@map\\("(\\w+)"\\)`, 'm').exec(body!)?.[1] ?? field;
      for (const [, fields, args] of body!.matchAll(/@@index\(\[([^\]]+)\]([^)]*)\)/g)) {
        const cols = fields!.split(',').map((f) => f.trim()).map((f) => {
          const [, name, sort] = /^(\w+)(?:\(sort: (Desc|Asc)\))?$/.exec(f)!;
          return `${column(name!)}${sort === 'Desc' ? ' DESC' : ''}`;
        });
        const type = /type: (\w+)/.exec(args!)?.[1]?.toLowerCase() ?? 'btree';
        declared.push(`${table} ${type} (${cols.join(', ')})`);
      }
    }
    const rows = await runSql(db.ownerUrl, "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'");
    const inDatabase = new Set(rows.map((r) => {
      const [, type, cols] = /USING (\w+) \((.*?)\)(?: WITH \(.*\))?$/.exec(r.indexdef) ?? [];
      return `${r.tablename} ${type} (${cols})`;
    }));
    expect(declared.length).toBeGreaterThanOrEqual(10);
    expect(declared.filter((d) => !inDatabase.has(d))).toEqual([]);
    expect(declared).toContain('audit_event btree (at, seq)');
    expect(declared).toContain('audit_event brin (at)');
  });

  it('every value of every enum is accepted', async () => {
    const rows = (['done', 'denied', 'failed', 'unknown'] as const).flatMap((outcome) =>
      (['console', 'api', 'controller'] as const).flatMap((source) =>
        (['oidc', 'token', 'api', 'controller'] as const).map((actorVia) => ({
          requestId: `enum-${outcome}-${source}-${actorVia}-${uid()}`, at: new Date(), source, actorUsername: 'x', actorVia, action: 'enum.check',
          outcome, contentHash: Buffer.alloc(32), summary: Prisma.DbNull,
        }))));
    expect((await owner.auditEvent.createMany({ data: rows })).count).toBe(rows.length);
    const read = await owner.auditEvent.findMany({ where: { action: 'enum.check' }, select: { outcome: true, source: true, actorVia: true, actorGroups: true, summary: true } });
    expect(new Set(read.map((r) => `${r.outcome}/${r.source}/${r.actorVia}`)).size).toBe(rows.length);
    expect(read.every((r) => r.actorGroups.length === 0 && r.summary === null)).toBe(true);
  });

  it('AuditInbox: every field written through the generated client reads back the same, and the linker moves it into the chain unchanged', async () => {
    const data = {
      requestId: `inbox-${uid()}`, at: new Date('2026-11-30T10:11:12.345Z'), recordedAt: new Date('2026-11-30T10:11:13.001Z'), source: 'console' as const,
      actorUsername: 'alice', actorGroups: ['team-a'], actorVia: 'oidc' as const, actorIssuer: 'https://issuer.example', action: 'space.create',
      targetKind: 'Space', targetName: 'team-a-dev', targetAccount: 'team-a', targetSpace: 'team-a-dev', summary: { name: 'team-a-dev' },
      outcome: 'done' as const, message: 'created', clientAddress: '192.0.2.8', contentHash: Buffer.alloc(32, 8),
    };
    const created = await owner.auditInbox.create({ data });
    expect(await owner.auditInbox.findUniqueOrThrow({ where: { requestId: data.requestId } })).toEqual(created);
    expect(created).toMatchObject({ ...data, contentHash: new Uint8Array(data.contentHash) });
    expect(typeof created.id).toBe('bigint');

    expect(await runSql(db.appUrl, 'SELECT audit_link_inbox() AS n')).toEqual([{ n: 1 }]);
    expect(await owner.auditInbox.count()).toBe(0);
    const linked = await owner.auditEvent.findUniqueOrThrow({ where: { requestId: data.requestId } });
    expect(linked).toMatchObject({ ...data, contentHash: new Uint8Array(data.contentHash) });
    const head = await owner.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(head).toEqual({ id: 1, seq: linked.seq, hash: linked.hash });
  });

  it('AuditChainHead: every field can be written and read', async () => {
    const before = await owner.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    const changed = await owner.auditChainHead.update({ where: { id: 1 }, data: { seq: before.seq + 100n, hash: Buffer.alloc(32, 9) } });
    expect(await owner.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).toEqual(changed);
    await owner.auditChainHead.update({ where: { id: 1 }, data: { seq: before.seq, hash: before.hash } });
  });

  it('AuditVerification: every field', async () => {
    const data = { at: new Date('2026-11-30T01:02:03.004Z'), ok: false, checked: 123n, headSeq: 124n, brokenSeq: 124n, message: 'row 124: changed', durationMs: 42 };
    const created = await owner.auditVerification.create({ data });
    expect(await owner.auditVerification.findUniqueOrThrow({ where: { id: created.id } })).toEqual({ ...data, id: created.id });
  });

  it('UsageSample: every field, decimals exact to the nano-unit', async () => {
    const data = { at: new Date('2026-11-30T01:02:03.004Z'), quota: 'q', account: 'team-a', space: 'team-a-dev', resource: 'requests.memory',
      used: new Prisma.Decimal('1234567890123456789012345678901.123456789'), hard: new Prisma.Decimal('0.000000001') };
    const created = await owner.usageSample.create({ data });
    const read = await owner.usageSample.findUniqueOrThrow({ where: { id: created.id } });
    expect(read.used.toFixed()).toBe('1234567890123456789012345678901.123456789');
    expect(read.hard?.toFixed()).toBe('0.000000001');
    expect({ ...read, used: undefined, hard: undefined }).toEqual({ ...data, id: created.id, used: undefined, hard: undefined });
  });
});

describe('the application role is append-only on audit rows', () => {
  it.each([
    ['UPDATE audit_event SET message = \'forged\''],
    ['DELETE FROM audit_event'],
    ['TRUNCATE audit_event'],
    ['UPDATE audit_chain_head SET seq = 0'],
    ['DELETE FROM audit_chain_head'],
    ['TRUNCATE audit_chain_head'],
    ['UPDATE audit_verification SET ok = true'],
    ['DELETE FROM audit_verification'],
    ['TRUNCATE audit_verification'],
    ['UPDATE audit_inbox SET message = \'forged\''],
    ['DELETE FROM audit_inbox'],
    ['TRUNCATE audit_inbox'],
  ])('%s is refused: permission denied', async (sql) => {
    await expect(runSql(db.appUrl, sql)).rejects.toThrow(/permission denied for table/);
  });

  it('INSERT and SELECT work, and the database assigns the chain fields whatever the writer sends', async () => {
    const store = testStore(db.appUrl, spool.dir);
    const requestId = `app-${uid()}`;
    await store.recordAuditEvent({ requestId, source: 'console', actor: alice, action: 'space.create', target: { kind: 'Space', name: 'x' }, outcome: 'done' });
    await store.close();
    const [head] = await runSql(db.appUrl, 'SELECT seq FROM audit_chain_head');
    // A writer that tries to choose its own place in the chain is overruled by the trigger.
    await runSql(db.appUrl, `INSERT INTO audit_event (seq, request_id, at, source, actor_username, actor_via, action, outcome, content_hash, prev_hash, hash)
      VALUES (1, $1, now(), 'console', 'mallory', 'token', 'x', 'done', $2, $2, $2)`, [`forged-${uid()}`, Buffer.alloc(32, 1)]);
    const [forged] = await runSql(db.appUrl, "SELECT seq, prev_hash FROM audit_event WHERE actor_username = 'mallory'");
    expect(BigInt(forged.seq)).toBe(BigInt(head.seq) + 1n);
    expect(forged.prev_hash).not.toEqual(Buffer.alloc(32, 1));
    expect((await runSql(db.appUrl, 'SELECT count(*)::int AS n FROM audit_event WHERE request_id = $1', [requestId]))[0].n).toBe(1);
  });

  it('links rows across statements, transactions and a rolled-back savepoint into one chain, the head at its end', async () => {
    const row = (tag: string) => `INSERT INTO audit_event (request_id, at, source, actor_username, actor_via, action, outcome, content_hash)
      VALUES ('${tag}-${uid()}', now(), 'api', 'kubectl-user', 'api', 'x', 'done', sha256('${tag}'))`;
    await runSql(db.appUrl, `BEGIN; ${row('a')}; ${row('b')}; SAVEPOINT s; ${row('gone')}; ROLLBACK TO SAVEPOINT s; ${row('c')}; COMMIT;`);
    await runSql(db.appUrl, `BEGIN; ${row('d')}; ROLLBACK;`);
    await runSql(db.appUrl, row('e'));
    const [links] = await runSql(db.appUrl, `SELECT count(*)::int AS rows, max(e.seq)::int AS max, bool_and(e.prev_hash = p.hash) AS linked,
      bool_and(e.hash = sha256(int8send(e.seq) || e.prev_hash || e.content_hash)) AS hashed
      FROM audit_event e JOIN audit_event p ON p.seq = e.seq - 1`);
    const [head] = await runSql(db.appUrl, 'SELECT h.seq::int AS seq, h.hash = e.hash AS matches FROM audit_chain_head h JOIN audit_event e ON e.seq = h.seq');
    expect(links).toEqual({ rows: links.max - 1, max: links.max, linked: true, hashed: true });
    expect(head).toEqual({ seq: links.max, matches: true });
    expect((await runSql(db.appUrl, "SELECT count(*)::int AS n FROM audit_event WHERE request_id LIKE 'gone-%' OR request_id LIKE 'd-%'"))[0].n).toBe(0);
  });

  it('may prune usage samples (retention) but not alter them', async () => {
    await expect(runSql(db.appUrl, 'DELETE FROM usage_sample WHERE at < now() - interval \'1000 days\'')).resolves.toBeDefined();
    await expect(runSql(db.appUrl, 'UPDATE usage_sample SET used = 0')).rejects.toThrow(/permission denied for table usage_sample/);
  });

  it('even the table owner cannot change or delete audit rows (a trigger refuses)', async () => {
    await expect(runSql(db.ownerUrl, "UPDATE audit_event SET message = 'forged'")).rejects.toThrow(/audit_event is append-only: UPDATE/);
    await expect(runSql(db.ownerUrl, 'DELETE FROM audit_event')).rejects.toThrow(/audit_event is append-only: DELETE/);
    await expect(runSql(db.ownerUrl, 'TRUNCATE audit_event')).rejects.toThrow(/audit_event is append-only: TRUNCATE/);
  });
});
