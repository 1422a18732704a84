import {
  R, accounts, clusterRoleBindings, clusterRoles, namespaces, ownerRef,
  type AccountObject, type ClusterRoleObject, type RoleBindingObject,
} from '@/server/kube';
import { accountRoleName, accountRules, bindingSubjects } from '@/server/tenancy/account-rbac';
import { recordAccountCascade } from '../audit/decision-events';
import { spacesOf, type Caches } from '../caches';
import type { ReconcileResult } from '../runtime/controller';
import { deepEqual } from '../runtime/deep-equal';

/** Finalizer that holds an Account whose admin opted in to deleting its spaces with it. */
export const DELETE_SPACES_FINALIZER = 'config.kiosk.sh/delete-spaces';
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'atrium' };

/**
 * Makes the cluster match one Account: its read-only ClusterRole and binding
 * for the subjects, `status.namespaces`, expired space reservations dropped,
 * and — only when opted in — its spaces deleted with it.
 */
export async function reconcileAccount(c: Caches, name: string): Promise<ReconcileResult> {
  const account = c.accounts.get(name);
  if (!account) return; // bindings are owned by the Account: the garbage collector removes them
  const optedIn = account.spec?.space?.deleteSpacesOnAccountDeletion === true;
  const finalizers = account.metadata.finalizers ?? [];

  if (account.metadata.deletionTimestamp) {
    if (!finalizers.includes(DELETE_SPACES_FINALIZER)) return;
    const spaces = spacesOf(c, name);
    await Promise.all(spaces.filter((ns) => !ns.metadata.deletionTimestamp).map((ns) => namespaces.delete(ns.metadata.name!).then(
      () => recordAccountCascade(account, ns),
      (err: unknown) => {
        recordAccountCascade(account, ns, err);
        throw err;
      })));
    if (spaces.length > 0) return { requeueAfterMs: 2000 }; // wait until they are gone
    await accounts.patch(name, { metadata: { finalizers: finalizers.filter((f) => f !== DELETE_SPACES_FINALIZER), resourceVersion: account.metadata.resourceVersion } });
    return;
  }
  if (optedIn !== finalizers.includes(DELETE_SPACES_FINALIZER)) {
    const next = optedIn ? [...finalizers, DELETE_SPACES_FINALIZER] : finalizers.filter((f) => f !== DELETE_SPACES_FINALIZER);
    await accounts.patch(name, { metadata: { finalizers: next, resourceVersion: account.metadata.resourceVersion } });
    return; // the update event brings us back with a fresh object
  }

  await ensureAccountRbac(account, quotasOf(c, name));
  await updateStatus(c, account);
  const reservations = account.status?.spaceReservations ?? [];
  const next = reservations.reduce((n, r) => Math.min(n, Date.parse(r.expiresAt) - Date.now()), Infinity);
  return Number.isFinite(next) ? { requeueAfterMs: Math.max(next, 0) + 100 } : undefined;
}

/** Names of the AccountQuotas that count against this account (deleted ones are no longer its members' business). */
function quotasOf(c: Caches, account: string): string[] {
  return c.accountQuotas.list().filter((q) => q.spec?.account === account && !q.metadata.deletionTimestamp).map((q) => q.metadata.name!);
}

async function ensureAccountRbac(account: AccountObject, quotaNames: string[]): Promise<void> {
  const name = accountRoleName(account.metadata.name!);
  const owner = [ownerRef(R.accounts, 'Account', account)];
  const role: ClusterRoleObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
    metadata: { name, labels: MANAGED_BY, ownerReferences: owner },
    rules: accountRules(account.metadata.name!, quotaNames),
  };
  const binding: RoleBindingObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding',
    metadata: { name, labels: MANAGED_BY, ownerReferences: owner },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: bindingSubjects(account.spec?.subjects),
  };
  const liveRole = await clusterRoles.get(name);
  if (!liveRole) await clusterRoles.create(role);
  else if (!deepEqual(liveRole.rules, role.rules) || !deepEqual(liveRole.metadata.ownerReferences, owner)) {
    await clusterRoles.update({ ...liveRole, metadata: { ...liveRole.metadata, ownerReferences: owner }, rules: role.rules });
  }
  const liveBinding = await clusterRoleBindings.get(name);
  if (!liveBinding) await clusterRoleBindings.create(binding);
  else if (!deepEqual(liveBinding.subjects ?? [], binding.subjects) || !deepEqual(liveBinding.metadata.ownerReferences, owner)) {
    await clusterRoleBindings.update({ ...liveBinding, metadata: { ...liveBinding.metadata, ownerReferences: owner }, subjects: binding.subjects });
  }
}

/** Writes status only when it changed, so reconciles don't feed themselves events. */
async function updateStatus(c: Caches, account: AccountObject): Promise<void> {
  const spaceNames = spacesOf(c, account.metadata.name!).map((ns) => ns.metadata.name!).sort();
  const now = Date.now();
  const reservations = (account.status?.spaceReservations ?? []).filter((r) => Date.parse(r.expiresAt) > now && !spaceNames.includes(r.space));
  const status: NonNullable<AccountObject['status']> = { ...account.status, namespaces: spaceNames.map((name) => ({ name })) };
  if (reservations.length > 0) status.spaceReservations = reservations;
  else delete status.spaceReservations;
  if (deepEqual(status, account.status ?? {})) return;
  // resourceVersion makes this a compare-and-swap with concurrent reservations by createSpace.
  await accounts.updateStatus({ ...account, status });
}
