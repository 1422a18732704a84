import type { Subject } from './types';

/** Name of the per-account ClusterRole and ClusterRoleBinding (Kiosk's `kiosk-account-<name>-*`). */
export const accountRoleName = (account: string) => `kiosk-account-${account}-view`;

/** ClusterRole rule, shaped as rbac.authorization.k8s.io/v1 PolicyRule. */
export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

/**
 * What every subject of an account may do cluster-wide: list spaces and
 * accounts (the aggregated API filters both to what they may see), get spaces,
 * get its own account, and get the AccountQuotas of its own account (by name:
 * listing quotas would show every account's).
 */
export function accountRules(account: string, quotaNames: readonly string[] = []): PolicyRule[] {
  const rules: PolicyRule[] = [
    { apiGroups: ['tenancy.kiosk.sh'], resources: ['spaces'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['tenancy.kiosk.sh'], resources: ['accounts'], verbs: ['list', 'watch'] },
    { apiGroups: ['tenancy.kiosk.sh', 'config.kiosk.sh'], resources: ['accounts'], verbs: ['get'], resourceNames: [account] },
  ];
  // An empty resourceNames would grant every quota: no quotas, no rule.
  if (quotaNames.length > 0) {
    rules.push({ apiGroups: ['config.kiosk.sh'], resources: ['accountquotas'], verbs: ['get'], resourceNames: [...new Set(quotaNames)].sort() });
  }
  return rules;
}

/**
 * Subjects as RBAC bindings need them: User and Group carry the RBAC apiGroup,
 * ServiceAccount none. Kiosk manifests often omit apiGroup.
 */
export function bindingSubjects(subjects: readonly Subject[] | undefined): Subject[] {
  return (subjects ?? []).map((s) =>
    s.kind === 'ServiceAccount'
      ? { kind: 'ServiceAccount', name: s.name, namespace: s.namespace ?? 'default' }
      : { kind: s.kind, name: s.name, apiGroup: 'rbac.authorization.k8s.io' },
  );
}

/** The ClusterRole a space's RoleBinding points at: absent → admin, '' → no binding. */
export function spaceClusterRole(configured: string | undefined): string | undefined {
  if (configured === undefined || configured === null) return 'admin';
  return configured === '' ? undefined : configured;
}
