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
  if (!isDeepStrictEqual(kept.subjects ?? [], desired.subjects)) await roleBindings.update({ ...kept, subjects: desired.subjects });
  return 'kept';
}
