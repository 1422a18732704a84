import { describe, expect, it } from 'vitest';
import { checkRequest, evaluatorFor, exceededQuota, forbiddenMessage, groupResourceOf, hardNames, quotaMatches, quotaUsage, type QuotaState } from './check-request';
import { formatResourceList, parseResourceList } from './resource-list';
import type { QuotaObject, QuotaSpec } from './types';

const NOW = 0;
const nodejs = (limitsCpu = '2'): QuotaObject => ({
  metadata: { name: 'nodejs-1', namespace: 'node-space', uid: 'u1' },
  spec: { containers: [{ name: 'nodejs', resources: { requests: { cpu: '1' }, limits: limitsCpu ? { cpu: limitsCpu } : undefined } }] },
});
const walkthrough: QuotaSpec = { hard: { pods: '2', 'limits.cpu': '4' } };
const state = (name: string, spec: QuotaSpec, used?: Record<string, string>): QuotaState => ({ name, spec, used: used ? parseResourceList(used) : undefined });
const createPod = (object: QuotaObject) => ({ operation: 'CREATE' as const, group: '', resource: 'pods', object, now: NOW });
const charges = (r: ReturnType<typeof checkRequest>) => (r.kind === 'charge' ? r.charges.map((c) => ({ quota: c.quota, requested: formatResourceList(c.requested), after: c.after && formatResourceList(c.after) })) : r);

describe('checkRequest', () => {
  it.each<[string, Parameters<typeof checkRequest>[0], QuotaState[], unknown]>([
    ['the walkthrough pod charges pods and limits.cpu',
      createPod(nodejs()), [state('default-user-limits', walkthrough, { pods: '0', 'limits.cpu': '0' })],
      [{ quota: 'default-user-limits', requested: { pods: '1', 'limits.cpu': '2' }, after: undefined }]],
    ['a pod without a cpu limit must specify it',
      createPod(nodejs('')), [state('default-user-limits', walkthrough, { pods: '0', 'limits.cpu': '0' })],
      { kind: 'deny', message: 'pods "nodejs-1" is forbidden: failed quota: default-user-limits: must specify limits.cpu for: nodejs' }],
    ['a quota whose usage is not counted yet denies',
      createPod(nodejs()), [state('q', walkthrough)],
      { kind: 'deny', message: 'pods "nodejs-1" is forbidden: status unknown for quota: q, resources: limits.cpu,pods' }],
    ['a usage that misses a resource is unknown too',
      createPod(nodejs()), [state('q', walkthrough, { pods: '0' })],
      { kind: 'deny', message: 'pods "nodejs-1" is forbidden: status unknown for quota: q, resources: limits.cpu,pods' }],
    ['two quotas: each gets its own resources, in name order',
      createPod(nodejs()), [state('b-cpu', { hard: { 'limits.cpu': '3' } }, { 'limits.cpu': '0' }), state('a-pods', { hard: { pods: '5' } }, { pods: '1' })],
      [{ quota: 'a-pods', requested: { pods: '1' }, after: undefined }, { quota: 'b-cpu', requested: { 'limits.cpu': '2' }, after: undefined }]],
    ['a scoped quota that does not match is ignored',
      createPod(nodejs()), [state('be', { hard: { pods: '1' }, scopes: ['BestEffort'] }, { pods: '1' })],
      { kind: 'ignore' }],
    ['a quota on other resources is ignored',
      createPod(nodejs()), [state('svc', { hard: { services: '1' } }, { services: '0' })],
      { kind: 'ignore' }],
    ['count/deployments.apps on a Deployment',
      { operation: 'CREATE', group: 'apps', resource: 'deployments', object: { metadata: { name: 'web' } }, now: NOW },
      [state('q', { hard: { 'count/deployments.apps': '1' } }, { 'count/deployments.apps': '0' })],
      [{ quota: 'q', requested: { 'count/deployments.apps': '1' }, after: undefined }]],
    ['updates of deployments charge nothing',
      { operation: 'UPDATE', group: 'apps', resource: 'deployments', object: { metadata: { name: 'web' } }, oldObject: { metadata: { name: 'web', resourceVersion: '1' } }, now: NOW },
      [state('q', { hard: { 'count/deployments.apps': '1' } }, { 'count/deployments.apps': '1' })],
      { kind: 'ignore' }],
    ['a service turned NodePort charges the node ports it adds',
      { operation: 'UPDATE', group: '', resource: 'services', now: NOW,
        object: { metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } },
        oldObject: { metadata: { name: 's', resourceVersion: '7' }, spec: { type: 'ClusterIP', ports: [{ port: 80 }] } } },
      [state('q', { hard: { services: '5', 'services.nodeports': '1' } }, { services: '1', 'services.nodeports': '0' })],
      [{ quota: 'q', requested: { 'services.nodeports': '1' }, after: { services: '1', 'services.nodeports': '1' } }]],
    ['a claim that grows charges the growth',
      { operation: 'UPDATE', group: '', resource: 'persistentvolumeclaims', now: NOW,
        object: { metadata: { name: 'c' }, spec: { resources: { requests: { storage: '3Gi' } } } },
        oldObject: { metadata: { name: 'c', resourceVersion: '7' }, spec: { resources: { requests: { storage: '1Gi' } } } } },
      [state('q', { hard: { 'requests.storage': '10Gi' } }, { 'requests.storage': '1Gi' })],
      [{ quota: 'q', requested: { 'requests.storage': '2Gi' }, after: { 'requests.storage': '3Gi' } }]],
    ['a pod resized smaller charges a negative change',
      { operation: 'UPDATE', subResource: 'resize', group: '', resource: 'pods', now: NOW, object: nodejs('1'), oldObject: { ...nodejs('2'), metadata: { name: 'nodejs-1', resourceVersion: '3' } } },
      [state('q', walkthrough, { pods: '1', 'limits.cpu': '2' })],
      [{ quota: 'q', requested: { 'limits.cpu': '-1' }, after: { pods: '1', 'limits.cpu': '1' } }]],
    ['no quota at all', createPod(nodejs()), [], { kind: 'ignore' }],
    ['a delete', { operation: 'DELETE', group: '', resource: 'pods', oldObject: nodejs(), now: NOW }, [state('q', walkthrough, { pods: '1', 'limits.cpu': '2' })], { kind: 'ignore' }],
  ])('%s', (_, req, quotas, want) => {
    const r = checkRequest(req, quotas);
    expect(Array.isArray(want) ? charges(r) : r).toEqual(want);
  });
});

describe('exceededQuota', () => {
  it.each<[string, QuotaSpec, Record<string, string>, Record<string, string>, string | undefined]>([
    ['fits exactly', walkthrough, { pods: '1', 'limits.cpu': '2' }, { pods: '1', 'limits.cpu': '2' }, undefined],
    ['the walkthrough\'s third pod', walkthrough, { pods: '2', 'limits.cpu': '4' }, { pods: '1', 'limits.cpu': '2' },
      'exceeded quota: default-user-limits, requested: limits.cpu=2,pods=1, used: limits.cpu=4,pods=2, limited: limits.cpu=4,pods=2'],
    ['only what overflows is listed', walkthrough, { pods: '1', 'limits.cpu': '3' }, { pods: '1', 'limits.cpu': '2' },
      'exceeded quota: default-user-limits, requested: limits.cpu=2, used: limits.cpu=3, limited: limits.cpu=4'],
    ['binary units', { hard: { 'requests.memory': '1Gi' } }, { 'requests.memory': '768Mi' }, { 'requests.memory': '512Mi' },
      'exceeded quota: default-user-limits, requested: requests.memory=512Mi, used: requests.memory=768Mi, limited: requests.memory=1Gi'],
    ['a shrink always fits', walkthrough, { pods: '2', 'limits.cpu': '4' }, { 'limits.cpu': '-1' }, undefined],
  ])('%s', (_, spec, used, requested, want) => {
    expect(exceededQuota('default-user-limits', spec, parseResourceList(used), parseResourceList(requested))).toBe(want);
  });
});

describe('helpers', () => {
  it.each([['', 'pods', 'pods'], ['apps', 'deployments', 'deployments.apps']])('groupResourceOf(%j, %s) = %s', (g, r, want) => {
    expect(groupResourceOf(g, r)).toBe(want);
    expect(evaluatorFor(g, r).groupResource).toBe(want);
  });

  it.each([
    ['pods', 'web', 'exceeded', 'pods "web" is forbidden: exceeded'],
    ['deployments.apps', undefined, 'x', 'deployments.apps is forbidden: x'],
  ])('forbiddenMessage(%s, %j)', (gr, name, reason, want) => {
    expect(forbiddenMessage(gr, name, reason)).toBe(want);
  });

  it.each<[QuotaSpec, string[]]>([[{}, []], [walkthrough, ['pods', 'limits.cpu']]])('hardNames %j', (spec, want) => {
    expect(hardNames(spec)).toEqual(want);
  });

  it.each<[QuotaSpec, boolean, Record<string, string>]>([
    [walkthrough, true, { pods: '1', 'limits.cpu': '2' }],
    [{ hard: { pods: '1' }, scopes: ['BestEffort'] }, false, {}],
    [{ hard: { pods: '1' }, scopes: ['NotBestEffort', 'NotTerminating'] }, true, { pods: '1' }],
    [{ hard: { services: '1' } }, false, {}],
  ])('quotaMatches / quotaUsage of the walkthrough pod under %j', (spec, matches, usage) => {
    expect(quotaMatches(evaluatorFor('', 'pods'), spec, nodejs())).toBe(matches);
    expect(formatResourceList(quotaUsage(evaluatorFor('', 'pods'), spec, nodejs(), NOW))).toEqual(usage);
  });
});
