import type { Account, Subject, UserInfo } from './types';

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

/**
 * Whether the user is one of the subjects (an "account user"), as Kiosk's `IsUserPartOfAccount` decides:
 * a `User` subject matches the username, a `Group` subject any of the user's groups, a `ServiceAccount` subject the
 * username `system:serviceaccount:<namespace>:<name>` (never when it has no namespace). `apiGroup` is not consulted,
 * and names are compared exactly (Kubernetes usernames and groups are case-sensitive). Unknown kinds never match.
 */
export function isAccountMember(subjects: readonly Subject[] | undefined, user: UserInfo): boolean {
  return (subjects ?? []).some((subject) => subjectMatches(subject, user));
}

/** Names of the accounts the user belongs to ({@link isAccountMember}), in the order given. */
export function accountsOf(accounts: readonly Account[], user: UserInfo): string[] {
  return accounts
    .filter((account) => account.metadata.name && isAccountMember(account.spec?.subjects, user))
    .map((account) => account.metadata.name as string);
}

function subjectMatches(subject: Subject, user: UserInfo): boolean {
  if (!subject.name) return false;
  switch (subject.kind) {
    case 'User':
      return subject.name === user.username;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount':
      return Boolean(subject.namespace) && user.username === `${SERVICE_ACCOUNT_PREFIX}${subject.namespace}:${subject.name}`;
    default:
      return false;
  }
}
