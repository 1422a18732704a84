import { describe, expect, it } from 'vitest';
import { runRules, type AdmissionRequest } from './admission-review';
import { accountQuotaRule, type AccountQuotaRuleDeps } from './account-quota';

const unsynced = { synced: false, get: () => undefined, list: () => [] };
const request = (o: Partial<AdmissionRequest>): AdmissionRequest => ({
  uid: 'r1', kind: { group: '', version: 'v1', kind: 'Pod' }, resource: { group: '', version: 'v1', resource: 'pods' },
  namespace: 'space-1', name: 'web', operation: 'CREATE', userInfo: { username: 'dev' }, object: { metadata: { name: 'web' } }, ...o,
});
// a replica that has not listed namespaces, AccountQuotas and usage records yet; nothing else may be touched
const deps = { caches: { namespaces: unsynced, accountQuotas: unsynced, quotaRecords: unsynced } } as unknown as AccountQuotaRuleDeps;

describe('accountQuotaRule before the caches are synced', () => {
  it.each<[string, Partial<AdmissionRequest>, { message: string; code?: number } | undefined]>([
    ['refuses a create with a retriable error (fail closed)', {}, {
      code: 500,
      message: 'Atrium could not check this request (this Atrium replica is starting and cannot check account quotas yet (caches not synced)); retry, and tell your cluster admin if it persists',
    }],
    ['refuses an update too', { operation: 'UPDATE', oldObject: { metadata: { name: 'web', resourceVersion: '1' } } }, {
      code: 500,
      message: 'Atrium could not check this request (this Atrium replica is starting and cannot check account quotas yet (caches not synced)); retry, and tell your cluster admin if it persists',
    }],
    ['lets deletes pass: they free quota', { operation: 'DELETE' }, undefined],
    ['lets cluster-scoped requests pass: quotas are per namespace', { namespace: undefined }, undefined],
  ])('%s', async (_, req, want) => {
    expect(await runRules([accountQuotaRule(deps)], request(req))).toEqual(want);
  });
});
