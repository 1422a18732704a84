import { env } from '@/server/env';
import {
  R, createCache, type AccountObject, type AccountQuotaObject, type KubeObject, type NamespaceObject, type ObjectCache, type TemplateInstanceObject,
  type RoleBindingObject, type TemplateObject,
} from '@/server/kube';
import { ACCOUNT_LABEL } from '@/server/tenancy';
import { claimView, podView, serviceView, type QuotaObject } from '@/server/tenancy/quota';
import { servicesRef, persistentVolumeClaimsRef } from './quota/object-caches';
import { RECORD_ROLE, RECORD_ROLE_LABEL, configMapsRef, type ConfigMapObject } from './quota/usage-record';
import type { Logger } from './runtime/logger';

/** The informers every replica keeps: reconcilers and admission read from these, not from the API. */
export interface Caches {
  namespaces: ObjectCache<NamespaceObject>;
  accounts: ObjectCache<AccountObject>;
  templates: ObjectCache<TemplateObject>;
  templateInstances: ObjectCache<TemplateInstanceObject>;
  accountQuotas: ObjectCache<AccountQuotaObject>;
  /** AccountQuota usage records (ConfigMaps in Atrium's namespace) that admission charges. */
  quotaRecords: ObjectCache<ConfigMapObject>;
  // what AccountQuotas count; kept by every replica so a new leader counts at once
  pods: ObjectCache<KubeObject>;
  services: ObjectCache<KubeObject>;
  persistentVolumeClaims: ObjectCache<KubeObject>;
  /** The RoleBindings Atrium made in spaces (labelled with their account): a space that is already bound costs no request. */
  spaceRoleBindings: ObjectCache<RoleBindingObject>;
}

/** An object without managedFields: the API server's field-ownership bookkeeping, often most of the object, which no reader of a cache needs. */
export function withoutManagedFields<T extends KubeObject>(o: T): T {
  if (!o.metadata?.managedFields) return o;
  const metadata = { ...o.metadata };
  delete metadata.managedFields;
  return { ...o, metadata };
}
// A space's RoleBinding as the space reconciler compares it; everything else of it stays out of memory.
const slimSpaceBinding = (rb: RoleBindingObject): RoleBindingObject => ({
  metadata: {
    name: rb.metadata.name, namespace: rb.metadata.namespace, resourceVersion: rb.metadata.resourceVersion,
    labels: rb.metadata.labels, ownerReferences: rb.metadata.ownerReferences?.map((o) => ({ ...o })),
  },
  roleRef: rb.roleRef,
  subjects: rb.subjects,
});
// Pods, services and claims are cached cluster-wide for quota only: the cache keeps what the evaluators read.
const asQuotaView = (view: (o: QuotaObject) => QuotaObject) => (o: KubeObject) => view(o as QuotaObject) as KubeObject;

export function createCaches(log: Logger): Caches {
  const onError = (what: string) => (err: unknown) => log.warn('watch failed, restarting', { resource: what, error: String(err) });
  const slim = { transform: withoutManagedFields };
  return {
    namespaces: createCache<NamespaceObject>(R.namespaces, { onError: onError('namespaces'), ...slim }),
    accounts: createCache<AccountObject>(R.accounts, { onError: onError('accounts'), ...slim }),
    templates: createCache<TemplateObject>(R.templates, { onError: onError('templates'), ...slim }),
    templateInstances: createCache<TemplateInstanceObject>(R.templateInstances, { onError: onError('templateinstances'), ...slim }),
    accountQuotas: createCache<AccountQuotaObject>(R.accountQuotas, { onError: onError('accountquotas'), ...slim }),
    quotaRecords: createCache<ConfigMapObject>(configMapsRef, {
      namespace: env().ATRIUM_NAMESPACE, labelSelector: `${RECORD_ROLE_LABEL}=${RECORD_ROLE}`, onError: onError('accountquota usage records'), ...slim,
    }),
    pods: createCache<KubeObject>(R.pods, { onError: onError('pods'), transform: asQuotaView(podView) }),
    services: createCache<KubeObject>(servicesRef, { onError: onError('services'), transform: asQuotaView(serviceView) }),
    persistentVolumeClaims: createCache<KubeObject>(persistentVolumeClaimsRef, { onError: onError('persistentvolumeclaims'), transform: asQuotaView(claimView) }),
    spaceRoleBindings: createCache<RoleBindingObject>(R.roleBindings, { labelSelector: ACCOUNT_LABEL, onError: onError('space rolebindings'), transform: slimSpaceBinding }),
  };
}

export async function startCaches(c: Caches): Promise<void> {
  await Promise.all(Object.values(c).map((cache: ObjectCache<any>) => cache.start()));
}

export const allSynced = (c: Caches) => Object.values(c).every((cache: ObjectCache<any>) => cache.synced);

/** Namespaces labelled into an account, Terminating included (Kiosk counts them too). */
export function spacesOf(c: Caches, account: string): NamespaceObject[] {
  return c.namespaces.list().filter((ns) => ns.metadata.labels?.[ACCOUNT_LABEL] === account);
}
