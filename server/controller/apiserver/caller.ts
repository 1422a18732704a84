import type { UserInfo } from '@/server/tenancy';

/** The user a request is made for, as the kube-apiserver authenticated them and told us in X-Remote-* headers. */
export interface Caller {
  username: string;
  groups: string[];
  uid?: string;
  extra: Record<string, string[]>;
}

/** The caller as the pure tenancy rules see them. */
export const userInfoOf = (c: Caller): UserInfo => ({ username: c.username, groups: c.groups });
