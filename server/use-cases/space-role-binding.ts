import { R, ownerRef, roleBindings, type AccountObject, type RoleBindingObject } from '@/server/kube';
import { ACCOUNT_LABEL } from '@/server/tenancy';
import { bindingSubjects, spaceClusterRole } from '@/server/tenancy/account-rbac';
import { isDeepStrictEqual } from 'node:util';

/** The RoleBinding Kiosk creates in a space: generateName `<account>-`, owned by the Account. */
export function desiredRoleBinding(namespace: string, account: AccountObject, clusterRole: string): RoleBindingObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
    metadata: {
      generateName: `${account.metadata.name}-`, namespace,
      labels: { [ACCOUNT_LABEL]: account.metadata.name! },
      ownerReferences: [ownerRef(R.accounts, 'Account', account)],
    },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
    subjects: bindingSubjects(account.spec?.subjects),
  };
}

/**
 * Whether a space's bindings, as an informer last saw them, already are what
 * ensureSpaceRoleBinding would leave: one binding owned by the account, to its
 * space role, labelled, with its subjects. Only a yes is trusted (the reconciler
 * then makes no request); anything else, a stale cache included, goes to
 * ensureSpaceRoleBinding, which reads the API server. A binding changed after
 * the informer saw it re-queues the space through its own event.
 */
export function spaceRoleBindingInSync(cached: readonly RoleBindingObject[], account: AccountObject): boolean {
  const role = spaceClusterRole(account.spec?.space?.clusterRole);
  if (!role) return false;
  const owned = cached.filter((rb) => rb.metadata.ownerReferences?.some((o) => o.uid === account.metadata.uid));
  if (owned.length !== 1) return false;
  const [rb] = owned as [RoleBindingObject];
  return rb.roleRef.name === role && rb.metadata.labels?.[ACCOUNT_LABEL] === account.metadata.name
    && isDeepStrictEqual(rb.subjects ?? [], bindingSubjects(account.spec?.subjects));
}

/**
 * Makes the account's RoleBinding in a space match the account: subjects
 * follow the account, a binding to another role is replaced (roleRef is
 * immutable), and none exists when space.clusterRole is "". Idempotent; used
 * by createSpace and by the space reconciler. Returns whether a binding had to be created (the space was not bound).
 */
export async function ensureSpaceRoleBinding(namespace: string, account: AccountObject): Promise<'created' | 'kept'> {
  const role = spaceClusterRole(account.spec?.space?.clusterRole);
  const owned = (await roleBindings.list({ namespace })).items.filter((rb) =>
    rb.metadata.ownerReferences?.some((o) => o.uid === account.metadata.uid));
  const desired = role ? desiredRoleBinding(namespace, account, role) : undefined;
  let kept: RoleBindingObject | undefined;
  for (const rb of owned) {
    if (desired && !kept && rb.roleRef.name === desired.roleRef.name) kept = rb;
    else await roleBindings.delete(rb.metadata.name!, namespace);
  }
  if (!desired) return 'kept';
  if (!kept) {
    await roleBindings.create(desired);
    return 'created';
  }
  // A binding Kiosk made has no account label: adding it lets the reconciler's cache see the binding from then on.
  const unlabelled = kept.metadata.labels?.[ACCOUNT_LABEL] !== account.metadata.name;
  if (unlabelled || !isDeepStrictEqual(kept.subjects ?? [], desired.subjects)) {
    await roleBindings.update({ ...kept, metadata: { ...kept.metadata, labels: { ...kept.metadata.labels, [ACCOUNT_LABEL]: account.metadata.name! } }, subjects: desired.subjects });
  }
  return 'kept';
}
