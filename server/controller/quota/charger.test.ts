import { describe, expect, it } from 'vitest';
import { formatResourceList, parseResourceList } from '@/server/tenancy/quota';
import { MAX_PENDING_CHARGES, MAX_PENDING_CHARGES_PER_NAMESPACE, decide, type Op } from './charger';
import type { PendingCharge, UsageRecord } from './usage-record';

// a charge key "other/k" is pending in namespace "other", a plain "k" in "ns"
const nsOf = (k: string) => (k.includes('/') ? k.split('/')[0]! : 'ns');
const rec = (used: Record<string, string>, hard: Record<string, string>, charges: string[] = []): UsageRecord => ({
  recordName: 'atrium-aq-q', recordUid: 'cm-uid', quota: 'q', quotaUid: 'uid-q', resourceVersion: '7', generation: 1, spec: { hard },
  used: parseResourceList(used),
  charges: new Map(charges.map((k): [string, PendingCharge] => [k, { key: k, objectUid: `o-${k}`, namespace: nsOf(k), name: k, groupResource: 'pods', op: 'CREATE', usage: parseResourceList({ pods: '1' }), at: 0 }])),
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
