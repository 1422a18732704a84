import type { Impersonation } from '@/server/kube';
import type { UserInfo } from '@/server/tenancy';

/** The user a request is made for, as the kube-apiserver authenticated them and told us in X-Remote-* headers. */
export interface Caller {
  username: string;
  groups: string[];
  uid?: string;
  extra: Record<string, string[]>;
}

/** Impersonation headers that make an API call with the caller's identity, so RBAC and admission see them. */
export const impersonationOf = (c: Caller): Impersonation => ({ user: c.username, groups: c.groups, extra: c.extra });

/** The caller as the pure tenancy rules see them. */
export const userInfoOf = (c: Caller): UserInfo => ({ username: c.username, groups: c.groups });
