import { describe, expect, it } from 'vitest';
import { aggregatedDiscovery, apiGroupList, apiResourceList, negotiateDiscovery } from './discovery';

describe('discovery documents', () => {
  it('lists spaces and accounts, cluster-scoped, with their verbs', () => {
    expect(apiResourceList()).toMatchObject({
      kind: 'APIResourceList', groupVersion: 'tenancy.kiosk.sh/v1alpha1',
      resources: [
        { name: 'spaces', singularName: 'space', namespaced: false, kind: 'Space', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], categories: ['kiosk'] },
        { name: 'accounts', singularName: 'account', namespaced: false, kind: 'Account' },
      ],
    });
  });
  it('has no short names, as Kiosk had none', () => {
    expect(apiResourceList().resources.every((r) => !('shortNames' in r))).toBe(true);
  });
  it('serves the same resources in aggregated form', () => {
    const d = aggregatedDiscovery('v2');
    expect(d.items[0]!.versions[0]!.resources.map((r) => [r.resource, r.scope, r.responseKind.kind])).toEqual([['spaces', 'Cluster', 'Space'], ['accounts', 'Cluster', 'Account']]);
    expect(apiGroupList().groups[0]).toMatchObject({ name: 'tenancy.kiosk.sh', preferredVersion: { groupVersion: 'tenancy.kiosk.sh/v1alpha1' } });
  });
});

describe('negotiateDiscovery', () => {
  it.each([
    [undefined, 'legacy'],
    ['application/json', 'legacy'],
    // what the kube-aggregator sends (handler_discovery.go)
    ['application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList', 'v2'],
    ['application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList', 'v2beta1'],
    ['application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList, application/json', 'legacy'],
    ['application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList', undefined],
  ])('%s → %s', (accept, want) => expect(negotiateDiscovery(accept)).toBe(want));
});
