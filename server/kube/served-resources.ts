import { kubeRequest, type ActAs } from './request';

/** A namespaced resource the API server serves, in its preferred version. */
export interface ServedResource {
  group: string;
  resource: string;
  verbs: string[];
}

interface DiscoveryResource {
  resource: string;
  scope?: 'Namespaced' | 'Cluster';
  verbs?: string[];
}
interface AggregatedList {
  kind?: string;
  items?: { metadata?: { name?: string }; versions?: { version: string; resources?: DiscoveryResource[] }[] }[];
}
interface LegacyList {
  resources?: { name: string; namespaced: boolean; verbs?: string[] }[];
}

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

/**
 * Every namespaced resource the cluster serves, as the person asks discovery (kubectl api-resources): two requests
 * with aggregated discovery (Kubernetes 1.30+); older servers answer the plain form and are asked per group.
 */
export async function listServedResources(as: ActAs): Promise<ServedResource[]> {
  const [core, groups] = await Promise.all([
    kubeRequest<AggregatedList & LegacyList & { versions?: string[] }>({ path: '/api', accept: AGGREGATED, as }),
    kubeRequest<AggregatedList & { groups?: { name: string; preferredVersion?: { groupVersion: string } }[] }>({ path: '/apis', accept: AGGREGATED, as }),
  ]);
  if (core.kind === 'APIGroupDiscoveryList' && groups.kind === 'APIGroupDiscoveryList') {
    return [...(core.items ?? []), ...(groups.items ?? [])].flatMap((g) => {
      const preferred = g.versions?.[0];
      return (preferred?.resources ?? []).filter((r) => r.scope === 'Namespaced').map((r) => ({ group: g.metadata?.name ?? '', resource: r.resource, verbs: r.verbs ?? [] }));
    });
  }
  const versions = [{ group: '', path: '/api/v1' }, ...(groups.groups ?? []).filter((g) => g.preferredVersion).map((g) => ({ group: g.name, path: `/apis/${g.preferredVersion!.groupVersion}` }))];
  const lists = await Promise.all(versions.map((v) => kubeRequest<LegacyList>({ path: v.path, as }).then((l) => ({ v, l })).catch(() => undefined)));
  return lists.flatMap((x) => (x?.l.resources ?? []).filter((r) => r.namespaced).map((r) => ({ group: x!.v.group, resource: r.name, verbs: r.verbs ?? [] })));
}
