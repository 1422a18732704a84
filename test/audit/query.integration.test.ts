import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventsCsv, auditEventsJson, type AuditEvent, type AuditEventInput, type AuditFilter, type AuditPage, type AuditStore } from '@/server/audit';
import { SEPARATOR_LETTERS } from '@/server/audit/list-audit-events';
import { runSql } from '../../scripts/lib/postgres';
import { alice, bob, freshAuditDatabase, tempDir, testStore, uid, type TestDatabase } from './support';

let db: TestDatabase;
let store: AuditStore;
const spool = tempDir('query');
const t0 = Date.UTC(2026, 10, 1);
const minute = 60_000;

// 300 events over 300 minutes: alice (team-a) and bob (team-b) alternate; every 10th is denied; every 7th deletes.
const events: AuditEventInput[] = Array.from({ length: 300 }, (_, i) => ({
  requestId: `q-${i}-${uid()}`,
  at: new Date(t0 + i * minute),
  source: i % 50 === 0 ? 'api' : 'console',
  actor: i % 2 ? bob : alice,
  action: i % 7 === 0 ? 'space.delete' : 'space.create',
  target: { kind: 'Space', name: `${i % 2 ? 'b' : 'a'}-space-${i}`, account: i % 2 ? 'team-b' : 'team-a', space: `${i % 2 ? 'b' : 'a'}-space-${i}` },
  summary: { i },
  outcome: i % 10 === 0 ? 'denied' : 'done',
  message: i % 10 === 0 ? `spaces.tenancy.kiosk.sh "x-${i}" is forbidden: Quota Exceeded For Space Limit` : undefined,
  clientAddress: '198.51.100.1',
}));
const seqOf = (e: AuditEvent) => Number(e.seq);

async function all(filter: Parameters<AuditStore['listAuditEvents']>[0], pageSize: number): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listAuditEvents(filter, cursor, pageSize);
    out.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
async function text(gen: AsyncIterable<string>): Promise<{ chunks: number; body: string }> {
  let chunks = 0;
  let body = '';
  for await (const c of gen) {
    chunks++;
    body += c;
  }
  return { chunks, body };
}

beforeAll(async () => {
  db = await freshAuditDatabase('query');
  store = testStore(db.appUrl, spool.dir);
  // In a shuffled order: the page is ordered by when things happened, not by when they were recorded.
  const shuffled = events.map((e, i) => ({ e, k: (i * 7919) % 300 })).sort((a, b) => a.k - b.k).map(({ e }) => e);
  await Promise.all(shuffled.map((e) => store.recordAuditEvent(e)));
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
  spool.remove();
});

describe('listAuditEvents', () => {
  it('pages newest first by keyset, every event exactly once', async () => {
    const got = await all({}, 7);
    expect(got.map((e) => e.at.getTime())).toEqual(events.map((e) => e.at!.getTime()).reverse());
    expect(new Set(got.map(seqOf)).size).toBe(300);
  });

  it('a cursor stays valid while new events arrive', async () => {
    const first = await store.listAuditEvents({ account: 'team-a' }, null, 10);
    await store.recordAuditEvent({ requestId: `late-${uid()}`, at: new Date(t0 + 1000 * minute), source: 'console', actor: { username: 'carol', groups: [], via: 'token' }, action: 'space.create',
      target: { kind: 'Space', name: 'late', account: 'team-z' }, outcome: 'done' });
    const second = await store.listAuditEvents({ account: 'team-a' }, first.nextCursor, 10);
    expect(second.events[0]!.at.getTime()).toBeLessThan(first.events.at(-1)!.at.getTime());
  });

  it.each([
    ['actor', { actor: 'bob' }, (e: AuditEventInput) => e.actor.username === 'bob'],
    ['account', { account: 'team-a' }, (e: AuditEventInput) => e.target?.account === 'team-a'],
    ['space', { space: 'b-space-7' }, (e: AuditEventInput) => e.target?.space === 'b-space-7'],
    ['action', { action: 'space.delete' }, (e: AuditEventInput) => e.action === 'space.delete'],
    ['outcome', { outcome: 'denied' as const }, (e: AuditEventInput) => e.outcome === 'denied'],
    ['source', { source: 'api' as const }, (e: AuditEventInput) => e.source === 'api'],
    ['time range', { from: new Date(t0 + 100 * minute), to: new Date(t0 + 120 * minute) }, (e: AuditEventInput) => e.at!.getTime() >= t0 + 100 * minute && e.at!.getTime() < t0 + 120 * minute],
    ['actor + outcome + time', { actor: 'alice', outcome: 'denied' as const, from: new Date(t0 + 200 * minute) }, (e: AuditEventInput) => e.actor.username === 'alice' && e.outcome === 'denied' && e.at!.getTime() >= t0 + 200 * minute],
  ])('filters by %s', async (_, filter, expected) => {
    const got = await all(filter, 25);
    expect(got.map((e) => e.requestId).sort()).toEqual(events.filter(expected).map((e) => e.requestId).sort());
  });

  it.each([
    ['QUOTA EXCEEDED', (e: AuditEventInput) => !!e.message],
    ['b-space-1', (e: AuditEventInput) => e.target!.name!.includes('b-space-1')],
    ['"x-20"', (e: AuditEventInput) => e.message?.includes('"x-20"') ?? false],
    ['100%', () => false],
    ['a_space', () => false],
    // The letters across separators narrow through the glued trigram index; the ends may still be part of a word.
    ['-space-12', (e: AuditEventInput) => e.target!.name!.includes('-space-12')],
    ['-space-', (e: AuditEventInput) => e.target!.name!.includes('-space-')],
    ['ALICE space.create', (e: AuditEventInput) => e.actor.username === 'alice' && e.action === 'space.create'],
    ['kiosk.sh "x-20" is forbidden: quota', (e: AuditEventInput) => e.message?.includes('"x-20"') ?? false],
  ])('full-text search %j looks in targets and messages, case-insensitively, taking %% and _ literally', async (q, expected) => {
    const got = await all({ text: q }, 50);
    expect(got.map((e) => e.requestId).sort()).toEqual(events.filter(expected).map((e) => e.requestId).sort());
  });

  it('spells separators in SQL as the query does, so a search asks the index for what the rows hold', async () => {
    const separators = Object.keys(SEPARATOR_LETTERS).join('');
    const [{ glued }] = await runSql(db.appUrl, 'SELECT audit_search_glued($1) AS glued', [`a${separators}b`]);
    expect(glued).toBe(`a${Object.values(SEPARATOR_LETTERS).join('')}b`);
  });

  it('a tenant sees the events of the accounts they may list, and their own', async () => {
    const got = await all({ visibleTo: { accounts: ['team-b'], username: 'alice' } }, 100);
    expect(got.length).toBe(300);
    const onlyB = await all({ visibleTo: { accounts: ['team-b'] } }, 100);
    expect(onlyB.every((e) => e.target?.account === 'team-b')).toBe(true);
    expect(onlyB.length).toBe(150);
    expect(await all({ visibleTo: { accounts: [] } }, 100)).toEqual([]);
  });

  it('refuses a cursor it did not make', async () => {
    await expect(store.listAuditEvents({}, 'not-a-cursor')).rejects.toThrow(/cursor: not a cursor from a previous page/);
  });
});

describe('export', () => {
  it('streams the current filter as CSV, a line per event', async () => {
    const { chunks, body } = await text(auditEventsCsv(store.streamAuditEvents({ account: 'team-a', outcome: 'denied' })));
    const lines = body.trimEnd().split('\r\n');
    const expected = events.filter((e) => e.target?.account === 'team-a' && e.outcome === 'denied');
    expect(expected.length).toBeGreaterThan(10);
    expect(lines.length).toBe(expected.length + 1);
    expect(chunks).toBe(expected.length + 1);
    expect(lines[0]).toBe('seq,at,recorded_at,source,actor,groups,via,issuer,action,target_kind,target_name,account,space,outcome,message,client_address,request_id,summary,hash');
    expect(lines[1]).toContain(',alice,team-a;system:authenticated,oidc,http://127.0.0.1:5556,space.');
    expect(lines[1]).toContain(',denied,"spaces.tenancy.kiosk.sh ""x-');
  });

  it('streams JSON that parses back to the same events', async () => {
    const { body } = await text(auditEventsJson(store.streamAuditEvents({ actor: 'alice' })));
    const parsed = JSON.parse(body) as AuditEvent[];
    expect(parsed.length).toBe(events.filter((e) => e.actor.username === 'alice').length);
    expect(parsed[1]).toMatchObject({ actor: alice, source: expect.any(String), target: { kind: 'Space' }, outcome: expect.any(String) });
  });

  it('pages through more than one page of the database without holding all in memory', async () => {
    const seqs = new Set<string>();
    for await (const e of store.streamAuditEvents({}, 50)) seqs.add(e.seq);
    expect(seqs.size).toBe(301);
  });
});

describe('usage samples', () => {
  it('records, reads a series back in time order, and prunes by age', async () => {
    const at = (m: number) => new Date(t0 + m * minute);
    await store.recordUsageSamples([
      { at: at(0), quota: 'q1', account: 'team-a', resource: 'limits.cpu', used: '0.5', hard: '4' },
      { at: at(0), quota: 'q1', account: 'team-a', space: 'a-dev', resource: 'limits.cpu', used: 0.25, hard: '4' },
      { at: at(1), quota: 'q1', account: 'team-a', resource: 'limits.cpu', used: '1.000000001' },
      { at: at(2), quota: 'q1', account: 'team-a', resource: 'requests.memory', used: 1073741824 },
      { at: at(3), quota: 'q2', account: 'team-b', resource: 'limits.cpu', used: '7' },
    ]);
    expect(await store.usageSeries('q1', 'limits.cpu', at(0))).toEqual([
      { at: at(0), space: null, used: 0.5, hard: 4 },
      { at: at(0), space: 'a-dev', used: 0.25, hard: 4 },
      { at: at(1), space: null, used: 1.000000001, hard: null },
    ]);
    expect(await store.usageSeries('q1', 'limits.cpu', at(0), { space: null })).toHaveLength(2);
    expect(await store.usageSeries('q1', 'limits.cpu', at(1))).toHaveLength(1);
    expect(await store.pruneUsageSamples(at(2))).toBe(3);
    expect(await store.usageSeries('q1', 'limits.cpu', at(0))).toEqual([]);
    expect(await store.usageSeries('q1', 'requests.memory', at(0))).toEqual([{ at: at(2), space: null, used: 1073741824, hard: null }]);
  });

  it('rejects a value that is not a decimal in base units, naming the field', async () => {
    await expect(store.recordUsageSamples([{ quota: 'q', account: 'a', resource: 'limits.cpu', used: '500m' }]))
      .rejects.toThrow(/usage sample: used must be a decimal number in the resource's base unit/);
  });
});

describe('search beyond the newest rows', () => {
  // 5,050 events a minute apart, two of them with the text; 120 more with it long before (from about two years back).
  // The first look finds the two; the time slice their density suggests holds no more, so longer slices are asked.
  // Texts the first look never sees, and an instant on its edge, are below.
  let far: TestDatabase;
  let farStore: AuditStore;
  const farSpool = tempDir('query-far');
  const tr = Date.UTC(2026, 10, 1);
  const needle = (i: number) => i === 100 || i === 4000;
  const recent: AuditEventInput[] = Array.from({ length: 5050 }, (_, i) => ({
    requestId: `r-${i}-${uid()}`, at: new Date(tr + i * minute), source: 'console', actor: alice, action: 'space.create',
    target: { kind: 'Space', name: `s-${i}`, account: 'team-a', space: `s-${i}` }, outcome: 'done',
    message: needle(i) ? 'found needle-x here' : undefined,
  }));
  const old: AuditEventInput[] = Array.from({ length: 120 }, (_, j) => ({
    requestId: `o-${j}-${uid()}`, at: new Date(tr - (1_000_000 + j * 10_000) * minute), source: 'api', actor: bob, action: 'space.delete',
    target: { kind: 'Space', name: `o-${j}`, account: 'team-b', space: `o-${j}` }, outcome: 'denied', message: `needle-x ${j}`,
  }));

  // 200 more spread evenly over the years before the recent ones, none among them: found by slices asked blind.
  const spread: AuditEventInput[] = Array.from({ length: 200 }, (_, k) => ({
    requestId: `w-${k}-${uid()}`, at: new Date(tr - (k + 1) * 11_000 * minute), source: 'api', actor: bob, action: 'quota.update',
    target: { kind: 'AccountQuota', name: `q-${k}`, account: 'team-c' }, outcome: 'done', message: `spread-out ${k}`,
  }));

  // Six more at the very instant of the oldest row the first look takes (recent[50]): that instant straddles its edge.
  const twins: AuditEventInput[] = Array.from({ length: 6 }, (_, t) => ({
    requestId: `t-${t}-${uid()}`, at: recent[50]!.at, source: 'console', actor: alice, action: 'space.label',
    target: { kind: 'Space', name: `twin-${t}`, account: 'team-a', space: `twin-${t}` }, outcome: 'done', message: 'twin-t',
  }));

  beforeAll(async () => {
    far = await freshAuditDatabase('queryfar');
    // A test-sized table: slices are asked for whatever the table holds, as at millions of rows.
    farStore = testStore(far.appUrl, farSpool.dir, { searchSliceAboveMatches: 0 });
    const input = [...recent, ...old, ...spread, ...twins];
    for (let i = 0; i < input.length; i += 500) await Promise.all(input.slice(i, i + 500).map((e) => farStore.recordAuditEvent(e)));
  }, 120_000);
  afterAll(async () => {
    await farStore?.close();
    await far?.drop();
    farSpool.remove();
  });

  /** Every page of a filter, in order, as request ids. */
  const everyPage = async (filter: AuditFilter, size: number) => {
    const got: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditPage = await farStore.listAuditEvents(filter, cursor, size);
      got.push(...page.events);
      cursor = page.nextCursor;
    } while (cursor);
    return got.map((e) => e.requestId);
  };

  it('finds every match, newest first, when the newest rows hold fewer than a page', async () => {
    const first = await farStore.listAuditEvents({ text: 'NEEDLE-x' }, null, 50);
    const expected = [...recent.filter((_, i) => needle(i)).reverse(), ...old].map((e) => e.requestId);
    expect(first.events.map((e) => e.requestId)).toEqual(expected.slice(0, 50));
    const got = [...first.events];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await farStore.listAuditEvents({ text: 'NEEDLE-x' }, cursor, 50);
      got.push(...page.events);
      cursor = page.nextCursor;
    }
    expect(got.map((e) => e.requestId)).toEqual(expected);
  });

  it('finds every match once, in order, when the first look ends inside an instant that holds some', async () => {
    const inOrder = await everyPage({ action: 'space.label' }, 1000);
    expect(inOrder).toHaveLength(twins.length);
    expect(await everyPage({ text: 'twin-t' }, 2)).toEqual(inOrder);
  });

  it('finds every match, newest first, when the newest rows hold none of them', async () => {
    expect(await everyPage({ text: 'Spread-Out' }, 10)).toEqual(spread.map((e) => e.requestId));
    expect(await everyPage({ text: 'spread-out 1' }, 7)).toEqual(spread.filter((e) => /^spread-out 1/.test(e.message!)).map((e) => e.requestId));
  });

  it('keeps to the time range when the newest rows hold none of the text', async () => {
    const from = spread[120]!.at;
    expect(await everyPage({ text: 'spread-out', from }, 25)).toEqual(spread.slice(0, 121).map((e) => e.requestId));
  });
});
