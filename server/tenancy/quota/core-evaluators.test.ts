import { describe, expect, it } from 'vitest';
import { claimStorageClass, objectCountEvaluator, objectCountName, persistentVolumeClaimEvaluator, serviceEvaluator } from './core-evaluators';
import { formatResourceList } from './resource-list';
import type { QuotaObject } from './types';

const NOW = 0;

describe('serviceEvaluator', () => {
  const svc = (spec: object): QuotaObject => ({ metadata: { name: 's' }, spec });
  it.each<[string, QuotaObject, Record<string, string>]>([
    ['ClusterIP', svc({ ports: [{ port: 80 }] }), { 'count/services': '1', services: '1', 'services.loadbalancers': '0', 'services.nodeports': '0' }],
    ['NodePort with two ports', svc({ type: 'NodePort', ports: [{ port: 80 }, { port: 443 }] }), { 'count/services': '1', services: '1', 'services.loadbalancers': '0', 'services.nodeports': '2' }],
    ['LoadBalancer', svc({ type: 'LoadBalancer', ports: [{ port: 80 }] }), { 'count/services': '1', services: '1', 'services.loadbalancers': '1', 'services.nodeports': '1' }],
    ['LoadBalancer without node port allocation', svc({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ port: 80 }, { port: 81, nodePort: 30001 }] }),
      { 'count/services': '1', services: '1', 'services.loadbalancers': '1', 'services.nodeports': '1' }],
  ])('%s', (_, s, want) => {
    expect(formatResourceList(serviceEvaluator.usage(s, NOW))).toEqual(want);
  });

  it.each([
    ['CREATE', undefined, true], ['UPDATE', undefined, true], ['UPDATE', 'status', false], ['DELETE', undefined, false],
  ] as const)('handles %s %s → %s', (operation, subResource, want) => {
    expect(serviceEvaluator.handles({ operation, subResource, object: svc({}) })).toBe(want);
  });

  it('matches its resources and no scope', () => {
    expect(serviceEvaluator.matchingResources(['pods', 'services', 'services.nodeports', 'count/services'])).toEqual(['services', 'services.nodeports', 'count/services']);
    expect(serviceEvaluator.matchesScope({ scopeName: 'BestEffort', operator: 'Exists' }, svc({}))).toBe(false);
    expect(serviceEvaluator.constraints(['services'], svc({}))).toBeUndefined();
  });
});

describe('persistentVolumeClaimEvaluator', () => {
  const pvc = (spec: object, extra: Partial<QuotaObject> = {}): QuotaObject => ({ metadata: { name: 'c', ...extra.metadata }, spec, status: extra.status });
  it.each<[string, QuotaObject, Record<string, string>]>([
    ['no class', pvc({ resources: { requests: { storage: '10Gi' } } }), { persistentvolumeclaims: '1', 'count/persistentvolumeclaims': '1', 'requests.storage': '10Gi' }],
    ['a class', pvc({ storageClassName: 'gold', resources: { requests: { storage: '1Gi' } } }), {
      persistentvolumeclaims: '1', 'count/persistentvolumeclaims': '1', 'requests.storage': '1Gi',
      'gold.storageclass.storage.k8s.io/persistentvolumeclaims': '1', 'gold.storageclass.storage.k8s.io/requests.storage': '1Gi',
    }],
    ['the beta annotation wins', pvc({ storageClassName: 'gold', resources: { requests: { storage: '1' } } }, { metadata: { annotations: { 'volume.beta.kubernetes.io/storage-class': 'silver' } } }), {
      persistentvolumeclaims: '1', 'count/persistentvolumeclaims': '1', 'requests.storage': '1',
      'silver.storageclass.storage.k8s.io/persistentvolumeclaims': '1', 'silver.storageclass.storage.k8s.io/requests.storage': '1',
    }],
    ['fractional bytes round up', pvc({ resources: { requests: { storage: '1500m' } } }), { persistentvolumeclaims: '1', 'count/persistentvolumeclaims': '1', 'requests.storage': '2' }],
    ['a larger allocation counts', pvc({ resources: { requests: { storage: '1Gi' } } }, { status: { allocatedResources: { storage: '2Gi' } } }),
      { persistentvolumeclaims: '1', 'count/persistentvolumeclaims': '1', 'requests.storage': '2Gi' }],
  ])('%s', (_, c, want) => {
    expect(formatResourceList(persistentVolumeClaimEvaluator.usage(c, NOW))).toEqual(want);
  });

  it.each([
    [['requests.storage', 'gold.storageclass.storage.k8s.io/requests.storage', 'pods', 'count/persistentvolumeclaims', 'x.storageclass.storage.k8s.io/persistentvolumeclaims'],
      ['requests.storage', 'gold.storageclass.storage.k8s.io/requests.storage', 'count/persistentvolumeclaims', 'x.storageclass.storage.k8s.io/persistentvolumeclaims']],
  ])('matchingResources %j', (names, want) => {
    expect(persistentVolumeClaimEvaluator.matchingResources(names)).toEqual(want);
  });

  it.each([
    [{ scopeName: 'VolumeAttributesClass', operator: 'In', values: ['fast'] }, { volumeAttributesClassName: 'fast' }, true],
    [{ scopeName: 'VolumeAttributesClass', operator: 'Exists' }, {}, false],
    [{ scopeName: 'BestEffort', operator: 'Exists' }, {}, false],
  ])('matchesScope %j on %j', (selector, spec, want) => {
    expect(persistentVolumeClaimEvaluator.matchesScope(selector, pvc(spec))).toBe(want);
  });

  it.each([['CREATE', true], ['UPDATE', true], ['DELETE', false]] as const)('handles %s → %s', (operation, want) => {
    expect(persistentVolumeClaimEvaluator.handles({ operation, object: pvc({}) })).toBe(want);
  });

  it.each<[QuotaObject, string]>([[pvc({}), ''], [pvc({ storageClassName: 'gold' }), 'gold']])('claimStorageClass %#', (c, want) => {
    expect(claimStorageClass(c)).toBe(want);
  });
});

describe('objectCountEvaluator', () => {
  it.each([
    ['deployments.apps', ['count/deployments.apps', 'pods', 'deployments'], ['count/deployments.apps'], { 'count/deployments.apps': '1' }],
    ['configmaps', ['configmaps', 'count/configmaps'], ['configmaps', 'count/configmaps'], { 'count/configmaps': '1', configmaps: '1' }],
    ['widgets.example.com', ['count/widgets.example.com'], ['count/widgets.example.com'], { 'count/widgets.example.com': '1' }],
  ])('%s', (gr, names, matching, usage) => {
    const e = objectCountEvaluator(gr);
    expect(e.matchingResources(names)).toEqual(matching);
    expect(formatResourceList(e.usage({}, NOW))).toEqual(usage);
    expect(e.handles({ operation: 'CREATE', object: {} })).toBe(true);
    expect(e.handles({ operation: 'UPDATE', object: {}, oldObject: {} })).toBe(false);
    expect(e.matchesScope({ scopeName: 'BestEffort', operator: 'Exists' }, {})).toBe(false);
  });

  it.each([['pods', 'count/pods'], ['deployments.apps', 'count/deployments.apps']])('objectCountName(%s) = %s', (gr, want) => {
    expect(objectCountName(gr)).toBe(want);
  });
});
