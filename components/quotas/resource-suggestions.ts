// What the quota form offers in its resource picker: the standard compute and storage names, object counts of every
// namespaced kind the cluster serves, and storage per storage class.

/** One namespaced resource the cluster serves (from discovery). */
export interface ServedResource {
  group: string;
  resource: string;
  verbs: readonly string[];
}

export interface ResourceSuggestion {
  name: string;
  group: 'Compute' | 'Storage' | 'Object counts' | 'Storage classes';
  help: string;
}

const COMPUTE: [string, string][] = [
  ['pods', 'pods that are not finished'],
  ['requests.cpu', 'CPU requested, summed'],
  ['limits.cpu', 'CPU limits, summed'],
  ['requests.memory', 'memory requested, summed'],
  ['limits.memory', 'memory limits, summed'],
  ['cpu', 'same as requests.cpu'],
  ['memory', 'same as requests.memory'],
  ['requests.ephemeral-storage', 'local ephemeral storage requested'],
  ['limits.ephemeral-storage', 'local ephemeral storage limits'],
];
const STORAGE: [string, string][] = [
  ['requests.storage', 'storage requested by claims, summed'],
  ['persistentvolumeclaims', 'number of claims'],
  ['services', 'number of services'],
  ['services.loadbalancers', 'services of type LoadBalancer'],
  ['services.nodeports', 'node ports allocated'],
];

/**
 * The suggestions, in picker order. Object counts follow the quota syntax `count/<resource>.<group>` (core kinds
 * without a group) for kinds people create; subresources are skipped.
 */
export function resourceSuggestions(served: readonly ServedResource[], storageClasses: readonly string[]): ResourceSuggestion[] {
  const out: ResourceSuggestion[] = [
    ...COMPUTE.map(([name, help]) => ({ name, group: 'Compute' as const, help })),
    ...STORAGE.map(([name, help]) => ({ name, group: 'Storage' as const, help })),
  ];
  const counts = new Set<string>();
  for (const r of served) {
    if (r.resource.includes('/') || !r.verbs.includes('create')) continue;
    counts.add(r.group ? `count/${r.resource}.${r.group}` : `count/${r.resource}`);
  }
  for (const name of [...counts].sort()) out.push({ name, group: 'Object counts', help: 'number of objects' });
  for (const sc of [...storageClasses].sort()) {
    out.push({ name: `${sc}.storageclass.storage.k8s.io/requests.storage`, group: 'Storage classes', help: `storage requested from class ${sc}` });
    out.push({ name: `${sc}.storageclass.storage.k8s.io/persistentvolumeclaims`, group: 'Storage classes', help: `claims of class ${sc}` });
  }
  return out;
}
