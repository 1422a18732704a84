import { describe, expect, it } from 'vitest';
import { formatResourceList, parseResourceList } from '@/server/tenancy/quota';
import {
  GRANT_FRACTION_DIVISOR, GRANT_MIN_REQUESTS, MAX_PENDING_CHARGES, MAX_PENDING_CHARGES_PER_NAMESPACE, decide, type Decision, type EscrowInput, type Op,
} from './charger';
import type { Grant, PendingCharge, UsageRecord } from './usage-record';

// a charge key "other/k" is pending in namespace "other", a plain "k" in "ns"
const nsOf = (k: string) => (k.includes('/') ? k.split('/')[0]! : 'ns');
const rec = (used: Record<string, string>, hard: Record<string, string>, charges: string[] = []): UsageRecord => ({
  recordName: 'atrium-aq-q', recordUid: 'cm-uid', quota: 'q', quotaUid: 'uid-q', resourceVersion: '7', generation: 1, spec: { hard },
  used: parseResourceList(used),
  charges: new Map(charges.map((k): [string, PendingCharge] => [k, { key: k, objectUid: `o-${k}`, namespace: nsOf(k), name: k, groupResource: 'pods', op: 'CREATE', usage: parseResourceList({ pods: '1' }), at: 0 }])),
  grants: new Map(), revoke: 0, settled: '0',
});
const charge = (key: string, requested: Record<string, string>, o: { dryRun?: boolean; quotaUid?: string } = {}): Op => ({
  kind: 'charge', settle: () => undefined, fail: () => undefined,
  req: {
    quota: 'q', quotaUid: o.quotaUid ?? 'uid-q', requested: parseResourceList(requested),
    pending: o.dryRun ? undefined : { key, objectUid: `o-${key}`, namespace: nsOf(key), name: key, groupResource: 'pods', op: 'CREATE' },
  },
});
const flood = (n: number, ns = 'ns') => Array.from({ length: n }, (_, i) => `${ns}/c${i}`);
const release = (key: string): Op => ({ kind: 'release', key, settle: () => undefined, fail: () => undefined });

function run(r: UsageRecord | undefined, batch: Op[]) {
  const d = decide('q', r, batch);
  return {
    outcomes: d.outcomes.map((o) => (o === undefined ? 'released' : o.ok ? (o.charged ? 'charged' : 'free') : o.message)),
    used: d.write && formatResourceList(d.write.used),
    added: d.write?.add.map((c) => c.key),
    removed: d.write?.remove,
  };
}

describe('decide (one batch of a group commit)', () => {
  it.each<[string, UsageRecord | undefined, Op[], ReturnType<typeof run>]>([
    ['a charge that fits', rec({ pods: '1' }, { pods: '2' }), [charge('a', { pods: '1' })],
      { outcomes: ['charged'], used: { pods: '2' }, added: ['a'], removed: [] }],
    ['requests decided in order: the limit is never passed, later ones see earlier ones',
      rec({ pods: '1' }, { pods: '2' }), [charge('a', { pods: '1' }), charge('b', { pods: '1' }), charge('c', { pods: '1' })],
      { outcomes: ['charged', 'exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2', 'exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2'], used: { pods: '2' }, added: ['a'], removed: [] }],
    ['a release makes room for the next charge', rec({ pods: '2' }, { pods: '2' }, ['x']), [release('x'), charge('a', { pods: '1' })],
      { outcomes: ['released', 'charged'], used: { pods: '2' }, added: ['a'], removed: ['x'] }],
    ['a release of an unknown charge changes nothing', rec({ pods: '2' }, { pods: '2' }), [release('x')],
      { outcomes: ['released'], used: undefined, added: undefined, removed: undefined }],
    ['dry runs are checked, not charged', rec({ pods: '1' }, { pods: '2' }), [charge('a', { pods: '1' }, { dryRun: true })],
      { outcomes: ['free'], used: undefined, added: undefined, removed: undefined }],
    ['a retried request is charged once', rec({ pods: '2' }, { pods: '2' }, ['a']), [charge('a', { pods: '1' })],
      { outcomes: ['charged'], used: undefined, added: undefined, removed: undefined }],
    ['a shrink charges nothing', rec({ 'limits.cpu': '4' }, { 'limits.cpu': '4' }), [charge('a', { 'limits.cpu': '-1' })],
      { outcomes: ['free'], used: undefined, added: undefined, removed: undefined }],
    ['resources the record does not limit are not charged', rec({ pods: '0' }, { pods: '2' }), [charge('a', { pods: '1', 'requests.cpu': '1' })],
      { outcomes: ['charged'], used: { pods: '1' }, added: ['a'], removed: [] }],
    ['no record yet', undefined, [charge('a', { pods: '1' })],
      { outcomes: ['status unknown for quota: q, resources: pods'], used: undefined, added: undefined, removed: undefined }],
    ['the record of another quota of that name', rec({ pods: '0' }, { pods: '2' }), [charge('a', { pods: '1' }, { quotaUid: 'other' })],
      { outcomes: ['status unknown for quota: q, resources: pods'], used: undefined, added: undefined, removed: undefined }],
    ['too many charges in flight', { ...rec({ pods: '0' }, { pods: '5000' }, Array.from({ length: MAX_PENDING_CHARGES }, (_, i) => `c${i}`)) }, [charge('a', { pods: '1' })],
      { outcomes: [`too many admissions of quota q are waiting for their objects (${MAX_PENDING_CHARGES}); retry shortly`], used: undefined, added: undefined, removed: undefined }],
    ['a flood of charges in one namespace stops there; other namespaces of the account are still admitted',
      rec({ pods: '0' }, { pods: '5000' }, flood(MAX_PENDING_CHARGES_PER_NAMESPACE, 'busy')), [charge('busy/a', { pods: '1' }), charge('quiet/b', { pods: '1' })],
      { outcomes: [`too many admissions in namespace busy are waiting for their objects under quota q (${MAX_PENDING_CHARGES_PER_NAMESPACE}); retry shortly`, 'charged'], used: { pods: '1' }, added: ['quiet/b'], removed: [] }],
    ['the per-namespace bound counts the charges of the same batch',
      rec({ pods: '0' }, { pods: '5000' }, flood(MAX_PENDING_CHARGES_PER_NAMESPACE - 1, 'busy')), [charge('busy/a', { pods: '1' }), charge('busy/b', { pods: '1' })],
      { outcomes: ['charged', `too many admissions in namespace busy are waiting for their objects under quota q (${MAX_PENDING_CHARGES_PER_NAMESPACE}); retry shortly`], used: { pods: '1' }, added: ['busy/a'], removed: [] }],
    ['usage not counted for a limited resource', rec({}, { pods: '2' }), [charge('a', { pods: '1' })],
      { outcomes: ['status unknown for quota: q, resources: pods'], used: undefined, added: undefined, removed: undefined }],
  ])('%s', (_, r, batch, want) => {
    expect(run(r, batch)).toEqual(want);
  });
});

describe('decide with escrow (grants reserved in the record)', () => {
  const grant = (holder: string, pods: string, o: { until?: number; at?: number } = {}): Grant => ({ holder, size: parseResourceList({ pods }), until: o.until ?? 10_000, at: o.at ?? 1, generation: 1 });
  const withGrants = (r: UsageRecord, grants: Grant[], revoke = 0): UsageRecord => ({ ...r, grants: new Map(grants.map((g) => [g.holder, g])), revoke });
  const fromGrant = (key: string): PendingCharge => ({ key, objectUid: `o-${key}`, namespace: 'ns', name: key, groupResource: 'pods', op: 'CREATE', usage: parseResourceList({ pods: '1' }), at: 5, base: '6' });
  const escrow = (o: Partial<EscrowInput> = {}): EscrowInput => ({ holder: 'me', flush: [], typical: parseResourceList({ pods: '1' }), lifetimeMs: 4000, now: 5000, ...o });
  const summary = (d: Decision) => ({
    outcomes: d.outcomes.map((o) => (o === undefined ? 'released' : o.ok ? (o.charged ? 'charged' : 'free') : `${o.reason}: ${o.message}`)),
    used: d.write && formatResourceList(d.write.used),
    grants: d.write?.grants && Object.fromEntries(Object.entries(d.write.grants).map(([h, g]) => [h, g && formatResourceList(g.size).pods])),
    revoke: d.write?.revoke,
  });

  it('far from the limit: charges the request and reserves a quarter of what is left, shared by the live holders', () => {
    const d = decide('q', withGrants(rec({ pods: '0' }, { pods: '1000' }), [grant('other', '100')]), [charge('a', { pods: '1' })], escrow());
    // headroom 1000 - 1 - 100 = 899; a quarter of it between two holders
    expect(summary(d)).toEqual({ outcomes: ['charged'], used: { pods: '1' }, grants: { me: '112375m' }, revoke: undefined });
    expect(d.grant).toMatchObject({ holder: 'me', until: 9000, at: 5000, generation: 1 });
  });

  it('near the limit grants vanish: a grant must cover GRANT_MIN_REQUESTS requests like this one', () => {
    const d = decide('q', withGrants(rec({ pods: '0' }, { pods: '30' }), [grant('me', '7')]), [charge('a', { pods: '1' })], escrow());
    expect(summary(d)).toEqual({ outcomes: ['charged'], used: { pods: '1' }, grants: { me: null }, revoke: undefined });
    expect(d.grant).toBeNull();
    expect(GRANT_MIN_REQUESTS * GRANT_FRACTION_DIVISOR).toBe(32n);
  });

  it('writes what was admitted from the grant as charges in the same write that gives the grant back or resizes it', () => {
    const d = decide('q', withGrants(rec({ pods: '10' }, { pods: '1000' }), [grant('me', '40')]), [], escrow({ flush: [fromGrant('x'), fromGrant('y')] }));
    expect(summary(d)).toEqual({ outcomes: [], used: { pods: '12' }, grants: { me: '247' }, revoke: undefined });
    expect(d.write?.add.map((c) => [c.key, c.base])).toEqual([['x', '7'], ['y', '7']]);
  });

  it('a request that fits only if other replicas\' grants come back is neither admitted nor denied: it waits, and the holders are asked', () => {
    const d = decide('q', withGrants(rec({ pods: '10' }, { pods: '20' }), [grant('other', '9', { at: 3 })], 2), [charge('a', { pods: '2' })], escrow());
    expect(summary(d).outcomes).toEqual(['reserved: the headroom of quota q is reserved by other replicas that have not given it back yet; retry shortly']);
    expect(d.write?.revoke).toBe(5000);
    expect(d.grant).toBeNull();
  });

  it('asks again only holders that took their grant after the last revoke; the revoke is later than every grant, whatever their clocks', () => {
    const asked = decide('q', withGrants(rec({ pods: '10' }, { pods: '20' }), [grant('other', '9', { at: 3 })], 4), [charge('a', { pods: '2' })], escrow());
    expect(asked.write).toBeUndefined();
    const ahead = decide('q', withGrants(rec({ pods: '10' }, { pods: '20' }), [grant('other', '9', { at: 7000 })], 4), [charge('a', { pods: '2' })], escrow());
    expect(ahead.write?.revoke).toBe(7001);
  });

  it('an expired grant of a replica that stopped still reserves its headroom until the leader removes it', () => {
    const d = decide('q', withGrants(rec({ pods: '10' }, { pods: '20' }), [grant('dead', '9', { until: 1000, at: 1 })], 2), [charge('a', { pods: '2' })], escrow());
    expect(summary(d).outcomes[0]).toMatch(/^reserved/);
  });

  it('denies exactly at the limit once no grant is outstanding, with the usage in the message', () => {
    const d = decide('q', withGrants(rec({ pods: '20' }, { pods: '20' }), []), [charge('a', { pods: '1' })], escrow());
    expect(summary(d).outcomes).toEqual(['exceeded: exceeded quota: q, requested: pods=1, used: pods=20, limited: pods=20']);
  });

  it('charges written from grants may be counted twice until the controller resolves them: no denial while they could make the difference', () => {
    const r = { ...withGrants(rec({ pods: '20' }, { pods: '20' }), []), charges: new Map([['x', fromGrant('x')]]) };
    expect(summary(decide('q', r, [charge('a', { pods: '1' })], escrow())).outcomes[0]).toMatch(/^reserved/);
    // …but a request that could not fit even then is denied at once
    expect(summary(decide('q', r, [charge('a', { pods: '2' })], escrow())).outcomes[0]).toBe('exceeded: exceeded quota: q, requested: pods=2, used: pods=19, limited: pods=20');
    // once the controller has written a version after the charge's (it resolves charges whose objects it counts), the charge counts once
    expect(summary(decide('q', { ...r, settled: '7' }, [charge('a', { pods: '1' })], escrow())).outcomes[0]).toBe('exceeded: exceeded quota: q, requested: pods=1, used: pods=20, limited: pods=20');
  });

  it('takes no grant for a while after a revoke', () => {
    const d = decide('q', withGrants(rec({ pods: '0' }, { pods: '1000' }), [], 4000), [charge('a', { pods: '1' })], escrow());
    expect(d.grant).toBeNull();
    expect(d.write?.grants).toBeUndefined();
  });

  it('never reserves beyond the limit: Σ used + Σ grants ≤ hard after any sequence of writes by three holders', () => {
    let r = withGrants(rec({ pods: '0' }, { pods: '500' }), []);
    const hard = 500n * 1_000_000_000n;
    let charged = 0;
    for (let i = 0; i < 300; i++) {
      const holder = ['a', 'b', 'c'][i % 3]!;
      const d = decide('q', r, [charge(`k${i}`, { pods: '1' })], escrow({ holder, now: 5000 + i }));
      if (d.outcomes[0]?.ok) charged++;
      if (!d.write) continue;
      const grants = new Map(r.grants);
      for (const [h, g] of Object.entries(d.write.grants ?? {})) if (g) grants.set(h, g); else grants.delete(h);
      r = { ...r, used: d.write.used, grants, charges: new Map([...r.charges, ...d.write.add.map((c): [string, PendingCharge] => [c.key, c])]) };
      const reserved = [...grants.values()].reduce((s, g) => s + g.size.pods!.nanos, r.used.pods!.nanos);
      expect(reserved <= hard).toBe(true);
    }
    expect(r.used.pods!.nanos).toBe(BigInt(charged) * 1_000_000_000n);
    expect(charged).toBeGreaterThan(100);
  });
});
