import { createHash } from 'node:crypto';
import { parseAccept } from './negotiate';
import { GROUP, GROUP_VERSION, VERSION } from './status-errors';

/** The resources of tenancy.kiosk.sh/v1alpha1, as discovery describes them. */
export const TENANCY_RESOURCES = [
  {
    name: 'spaces', singularName: 'space', kind: 'Space',
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  },
  {
    // Writes are passed on to config.kiosk.sh as the caller: Kiosk's README creates Accounts here.
    name: 'accounts', singularName: 'account', kind: 'Account',
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  },
] as const;

// Kiosk declared no short names (a short name could shadow another resource's
// for Kiosk users); both kinds join the "kiosk" category, so `kubectl get kiosk`
// lists what a tenant has.
const CATEGORIES = ['kiosk'];

/** GET /apis/tenancy.kiosk.sh/v1alpha1: metav1.APIResourceList (legacy discovery). */
export function apiResourceList() {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: GROUP_VERSION,
    resources: TENANCY_RESOURCES.map((r) => ({
      name: r.name, singularName: r.singularName, namespaced: false, kind: r.kind, verbs: [...r.verbs], categories: CATEGORIES,
    })),
  };
}

/** GET /apis/tenancy.kiosk.sh: metav1.APIGroup. */
export function apiGroup() {
  const gv = { groupVersion: GROUP_VERSION, version: VERSION };
  return { kind: 'APIGroup', apiVersion: 'v1', name: GROUP, versions: [gv], preferredVersion: gv };
}

/** GET /apis without aggregated discovery: metav1.APIGroupList. */
export function apiGroupList() {
  const g = apiGroup();
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: g.name, versions: g.versions, preferredVersion: g.preferredVersion }] };
}

/** GET /apis with aggregated discovery (what the aggregator asks for first): apidiscovery.k8s.io APIGroupDiscoveryList. */
export function aggregatedDiscovery(version: 'v2' | 'v2beta1') {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: [{
      metadata: { name: GROUP },
      versions: [{
        version: VERSION,
        freshness: 'Current',
        resources: TENANCY_RESOURCES.map((r) => ({
          resource: r.name,
          responseKind: { group: GROUP, version: VERSION, kind: r.kind },
          scope: 'Cluster',
          singularResource: r.singularName,
          verbs: [...r.verbs],
          categories: CATEGORIES,
        })),
      }],
    }],
  };
}

/** Which /apis form the client accepts, in its order of preference; undefined: 406. */
export function negotiateDiscovery(accept: string | undefined): 'v2' | 'v2beta1' | 'legacy' | undefined {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return 'legacy';
  for (const r of ranges) {
    if (r.type !== 'application/json' && r.type !== '*/*' && r.type !== 'application/*') continue;
    if (!r.params.as) return 'legacy';
    if (r.params.as === 'APIGroupDiscoveryList' && r.params.g === 'apidiscovery.k8s.io' && (r.params.v === 'v2' || r.params.v === 'v2beta1')) return r.params.v;
  }
  return undefined;
}

/** Content-Type of an aggregated discovery answer; the aggregator recognises the document by it. */
export const aggregatedContentType = (version: 'v2' | 'v2beta1') => `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;

/** A strong ETag of a JSON document, so pollers (the aggregator's discovery and OpenAPI controllers) get 304s. */
export const etagOf = (text: string) => `"${createHash('sha256').update(text).digest('hex').slice(0, 32)}"`;
