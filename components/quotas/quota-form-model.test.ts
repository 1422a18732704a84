import { describe, expect, it } from 'vitest';
import { amountProblem, describeAmount, quotaFormProblems, quotaFormValues, quotaObjectOf, quotaPatch } from './quota-form-model';
import { resourceSuggestions } from './resource-suggestions';

describe('amountProblem (checked as the admin types)', () => {
  it.each([
    ['requests.cpu', '500m'],
    ['limits.memory', '2Gi'],
    ['requests.memory', '1.5G'],
    ['pods', '10'],
    ['requests.storage', '1e3'],
    ['count/deployments.apps', '0'],
  ])('%s accepts %s', (resource, amount) => {
    expect(amountProblem(resource, amount)).toBeUndefined();
  });

  it.each([
    ['requests.cpu', '', /Required/],
    ['requests.cpu', 'two', /Not a quantity: quantities must match/],
    ['limits.memory', '2GB', /Not a quantity: unable to parse quantity's suffix/],
    ['requests.cpu', '-1', /0 or more/],
    ['pods', '2.5', /pods counts whole objects/],
    ['count/configmaps', '500m', /whole number/],
    ['gold.storageclass.storage.k8s.io/persistentvolumeclaims', '1.5', /whole number/],
  ])('%s refuses %j', (resource, amount, want) => {
    expect(amountProblem(resource, amount)).toMatch(want);
  });
});

describe('describeAmount', () => {
  it('says what a quantity means in the resource\'s unit', () => {
    expect(describeAmount('requests.cpu', '500m')).toBe('= 0.5 cores');
    expect(describeAmount('limits.memory', '2Gi')).toBe('= 2 GiB (2,147,483,648 bytes)');
    expect(describeAmount('pods', '1')).toBe('= 1 object');
    expect(describeAmount('pods', 'x')).toBeUndefined();
  });
});

describe('quotaFormProblems', () => {
  const ok = { name: 'team-a-compute', hard: [{ resource: 'pods', amount: '4' }, { resource: 'requests.cpu', amount: '2' }], scopes: [] };
  it('passes a sound quota', () => {
    expect(quotaFormProblems(ok, { checkName: true })).toEqual({});
  });
  it('names each wrong field', () => {
    const p = quotaFormProblems({ name: 'Team A', hard: [{ resource: 'pods', amount: '4' }, { resource: 'pods', amount: 'lots' }, { resource: '', amount: '' }], scopes: ['Terminating', 'NotTerminating'] }, { checkName: true });
    expect(Object.keys(p).sort()).toEqual(['hard.1.amount', 'hard.1.resource', 'name', 'scopes']);
    expect(p['hard.1.resource']![0]).toMatch(/limited twice/);
    expect(p.scopes![0]).toMatch(/exclude each other/);
  });
  it('asks for at least one limit', () => {
    expect(quotaFormProblems({ name: 'q', hard: [{ resource: '', amount: '' }], scopes: [] }, { checkName: true }).hard).toEqual(['Add at least one limit.']);
  });
  it('refuses scoped quotas on what the pod evaluator does not track', () => {
    const p = quotaFormProblems({ name: 'q', hard: [{ resource: 'requests.storage', amount: '1Gi' }, { resource: 'requests.cpu', amount: '1' }], scopes: ['NotBestEffort'] }, { checkName: true });
    expect(p.scopes![0]).toMatch(/requests.storage is not a pod resource/);
    const best = quotaFormProblems({ name: 'q', hard: [{ resource: 'requests.cpu', amount: '1' }], scopes: ['BestEffort'] }, { checkName: true });
    expect(best.scopes![0]).toMatch(/only pods/);
  });
});

describe('quota objects and patches', () => {
  const loaded = quotaFormValues({ metadata: { name: 'q', resourceVersion: '7' }, spec: { account: 'a', quota: { hard: { pods: '4', 'requests.cpu': '2' }, scopes: ['NotTerminating'] } } });
  it('reads the limits sorted', () => {
    expect(loaded).toEqual({ name: 'q', hard: [{ resource: 'pods', amount: '4' }, { resource: 'requests.cpu', amount: '2' }], scopes: ['NotTerminating'] });
  });
  it('creates with the account and without empty rows', () => {
    expect(quotaObjectOf({ name: 'q', hard: [{ resource: ' pods ', amount: ' 3 ' }, { resource: '', amount: '' }], scopes: [] }, 'a').spec).toEqual({ account: 'a', quota: { hard: { pods: '3' } } });
  });
  it('patches only what changed, removes dropped limits with null and is guarded by resourceVersion', () => {
    const next = { ...loaded, hard: [{ resource: 'pods', amount: '8' }, { resource: 'limits.memory', amount: '4Gi' }], scopes: [] };
    expect(quotaPatch(loaded, next, '7')).toEqual({
      metadata: { resourceVersion: '7' },
      spec: { quota: { hard: { 'requests.cpu': null, pods: '8', 'limits.memory': '4Gi' }, scopes: null } },
    });
    expect(quotaPatch(loaded, loaded, '7')).toEqual({ metadata: { resourceVersion: '7' } });
  });
});

describe('resourceSuggestions', () => {
  it('offers object counts of creatable kinds and storage per class', () => {
    const s = resourceSuggestions(
      [{ group: '', resource: 'configmaps', verbs: ['create', 'list'] }, { group: 'apps', resource: 'deployments', verbs: ['create'] }, { group: 'apps', resource: 'deployments/scale', verbs: ['get'] }, { group: '', resource: 'events', verbs: ['list'] }],
      ['gold'],
    ).map((x) => x.name);
    expect(s).toContain('count/configmaps');
    expect(s).toContain('count/deployments.apps');
    expect(s).not.toContain('count/events');
    expect(s.some((n) => n.includes('scale'))).toBe(false);
    expect(s).toContain('gold.storageclass.storage.k8s.io/requests.storage');
    expect(s.slice(0, 3)).toEqual(['pods', 'requests.cpu', 'limits.cpu']);
  });
});
