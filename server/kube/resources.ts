/** Where a kind lives in the API: enough to build its REST paths. */
export interface ResourceRef {
  group: string; // '' for core
  version: string;
  plural: string;
  namespaced: boolean;
}

const ref = (group: string, version: string, plural: string, namespaced: boolean): ResourceRef => ({ group, version, plural, namespaced });

export const R = {
  namespaces: ref('', 'v1', 'namespaces', false),
  pods: ref('', 'v1', 'pods', true),
  configMaps: ref('', 'v1', 'configmaps', true),
  roleBindings: ref('rbac.authorization.k8s.io', 'v1', 'rolebindings', true),
  clusterRoles: ref('rbac.authorization.k8s.io', 'v1', 'clusterroles', false),
  clusterRoleBindings: ref('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', false),
  leases: ref('coordination.k8s.io', 'v1', 'leases', true),
  accounts: ref('config.kiosk.sh', 'v1alpha1', 'accounts', false),
  accountQuotas: ref('config.kiosk.sh', 'v1alpha1', 'accountquotas', false),
  templates: ref('config.kiosk.sh', 'v1alpha1', 'templates', false),
  templateInstances: ref('config.kiosk.sh', 'v1alpha1', 'templateinstances', true),
  /** The aggregated API: a person's filtered view of namespaces and accounts (served by the controller). */
  spaces: ref('tenancy.kiosk.sh', 'v1alpha1', 'spaces', false),
  tenancyAccounts: ref('tenancy.kiosk.sh', 'v1alpha1', 'accounts', false),
  deployments: ref('apps', 'v1', 'deployments', true),
  statefulSets: ref('apps', 'v1', 'statefulsets', true),
  jobs: ref('batch', 'v1', 'jobs', true),
  resourceQuotas: ref('', 'v1', 'resourcequotas', true),
  limitRanges: ref('', 'v1', 'limitranges', true),
  storageClasses: ref('storage.k8s.io', 'v1', 'storageclasses', false),
  services: ref('', 'v1', 'services', true),
  apiServices: ref('apiregistration.k8s.io', 'v1', 'apiservices', false),
  validatingWebhookConfigurations: ref('admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', false),
} as const;

/** REST path of a collection or object; leave namespace undefined to span all namespaces. */
export function resourcePath(r: ResourceRef, at: { namespace?: string; name?: string; subresource?: string } = {}): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && at.namespace ? `/namespaces/${encodeURIComponent(at.namespace)}` : '';
  const name = at.name ? `/${encodeURIComponent(at.name)}` : '';
  const sub = at.name && at.subresource ? `/${at.subresource}` : '';
  return `${base}${ns}/${r.plural}${name}${sub}`;
}

/** `apiVersion` string of a resource, as written in objects. */
export const apiVersionOf = (r: ResourceRef) => (r.group ? `${r.group}/${r.version}` : r.version);
