import {
  R, namespaces, ownerRef, roleBindings, templateInstances, type AccountObject, type NamespaceObject, type RoleBindingObject, type TemplateInstanceObject,
} from '@/server/kube';
import { ACCOUNT_LABEL, INITIALIZING_ANNOTATION } from '@/server/tenancy';
import { bindingSubjects, spaceClusterRole } from '@/server/tenancy/account-rbac';
import type { Caches } from '../caches';
import type { ReconcileResult } from '../runtime/controller';
import { deepEqual } from '../runtime/deep-equal';

/** How long createSpace may own a new space before the reconciler adopts it anyway (its creator may have died). */
export const INITIALIZING_GRACE_MS = 120_000;

/**
 * Makes one space match its account, however the namespace got its label:
 * spaceTemplate labels and annotations, the RoleBinding of the account's
 * subjects to space.clusterRole, and the account's mandatory TemplateInstances.
 */
export async function reconcileSpace(c: Caches, name: string): Promise<ReconcileResult> {
  const ns = c.namespaces.get(name);
  const accountName = ns?.metadata.labels?.[ACCOUNT_LABEL];
  if (!ns || !accountName || ns.metadata.deletionTimestamp) return;
  const account = c.accounts.get(accountName);
  if (!account) return; // an orphaned space: nothing to reconcile against
  const initializing = ns.metadata.annotations?.[INITIALIZING_ANNOTATION];
  if (initializing !== undefined) {
    const age = Date.now() - Date.parse(ns.metadata.creationTimestamp ?? '');
    if (age < INITIALIZING_GRACE_MS) return { requeueAfterMs: INITIALIZING_GRACE_MS - age };
  }
  await ensureSpaceMetadata(ns, account, initializing !== undefined);
  await ensureRoleBinding(ns, account);
  await Promise.all(ensureTemplateInstancesSync(c, ns, account));
}

async function ensureSpaceMetadata(ns: NamespaceObject, account: AccountObject, dropInitializing: boolean) {
  const forced = account.spec?.space?.spaceTemplate?.metadata ?? {};
  const labels = { ...forced.labels, [ACCOUNT_LABEL]: account.metadata.name! };
  const annotations: Record<string, string | null> = { ...forced.annotations };
  const missingLabel = Object.entries(labels).some(([k, v]) => ns.metadata.labels?.[k] !== v);
  const missingAnnotation = Object.entries(annotations).some(([k, v]) => ns.metadata.annotations?.[k] !== v);
  if (dropInitializing) annotations[INITIALIZING_ANNOTATION] = null;
  if (missingLabel || missingAnnotation || dropInitializing) {
    await namespaces.patch(ns.metadata.name!, { metadata: { labels, annotations } });
  }
}

/** The RoleBinding Kiosk creates: generateName `<account>-`, owned by the Account. */
export function desiredRoleBinding(ns: string, account: AccountObject, clusterRole: string): RoleBindingObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
    metadata: { generateName: `${account.metadata.name}-`, namespace: ns, labels: { [ACCOUNT_LABEL]: account.metadata.name! }, ownerReferences: [ownerRef(R.accounts, 'Account', account)] },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
    subjects: bindingSubjects(account.spec?.subjects),
  };
}

async function ensureRoleBinding(ns: NamespaceObject, account: AccountObject) {
  const nsName = ns.metadata.name!;
  const role = spaceClusterRole(account.spec?.space?.clusterRole);
  const owned = (await roleBindings.list({ namespace: nsName })).items.filter((rb) =>
    rb.metadata.ownerReferences?.some((o) => o.uid === account.metadata.uid));
  const desired = role ? desiredRoleBinding(nsName, account, role) : undefined;
  let kept: RoleBindingObject | undefined;
  for (const rb of owned) {
    // roleRef is immutable: a binding to the wrong role is replaced, not edited.
    if (desired && !kept && rb.roleRef.name === desired.roleRef.name) kept = rb;
    else await roleBindings.delete(rb.metadata.name!, nsName);
  }
  if (!desired) return;
  if (!kept) await roleBindings.create(desired);
  else if (!deepEqual(kept.subjects ?? [], desired.subjects)) await roleBindings.update({ ...kept, subjects: desired.subjects });
}

/** Mandatory templates missing from the space are instantiated; existing instances are left to their own reconciler. */
function ensureTemplateInstancesSync(c: Caches, ns: NamespaceObject, account: AccountObject): Promise<unknown>[] {
  const nsName = ns.metadata.name!;
  return (account.spec?.space?.templateInstances ?? []).map(async (ti) => {
    const name = ti.metadata?.name ?? ti.spec.template;
    if (c.templateInstances.get(name, nsName)) return;
    const obj: TemplateInstanceObject = {
      apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'TemplateInstance',
      metadata: { name, namespace: nsName, labels: ti.metadata?.labels, annotations: ti.metadata?.annotations },
      spec: ti.spec,
    };
    await templateInstances.create(obj).catch((e) => {
      if (e?.code !== 409) throw e; // created meanwhile: fine
    });
  });
}
