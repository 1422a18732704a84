import { describe, expect, it } from 'vitest';
import { accountsOf, isAccountMember } from './membership';
import type { Account, Subject, UserInfo } from './types';

const rbac = 'rbac.authorization.k8s.io';
const dev: UserInfo = { username: 'dev', groups: ['devs', 'system:authenticated'] };
const sa: UserInfo = { username: 'system:serviceaccount:ci:deployer', groups: ['system:serviceaccounts', 'system:serviceaccounts:ci'] };

describe('isAccountMember', () => {
  it.each<[string, Subject[] | undefined, UserInfo, boolean]>([
    ['user by name', [{ kind: 'User', name: 'dev', apiGroup: rbac }], dev, true],
    ['user without apiGroup', [{ kind: 'User', name: 'dev' }], dev, true],
    ['other user', [{ kind: 'User', name: 'dba', apiGroup: rbac }], dev, false],
    ['names are case-sensitive', [{ kind: 'User', name: 'Dev', apiGroup: rbac }], dev, false],
    ['group', [{ kind: 'Group', name: 'devs', apiGroup: rbac }], dev, true],
    ['system group', [{ kind: 'Group', name: 'system:authenticated', apiGroup: rbac }], dev, true],
    ['other group', [{ kind: 'Group', name: 'dbas', apiGroup: rbac }], dev, false],
    ['group name is not a user name', [{ kind: 'Group', name: 'dev', apiGroup: rbac }], dev, false],
    ['user name is not a group name', [{ kind: 'User', name: 'devs', apiGroup: rbac }], dev, false],
    ['service account', [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }], sa, true],
    ['service account in another namespace', [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'prod' }], sa, false],
    ['service account without namespace never matches', [{ kind: 'ServiceAccount', name: 'deployer' }], sa, false],
    ['service account group', [{ kind: 'Group', name: 'system:serviceaccounts:ci', apiGroup: rbac }], sa, true],
    ['service account as a User subject with the full name', [{ kind: 'User', name: 'system:serviceaccount:ci:deployer' }], sa, true],
    ['unknown kind', [{ kind: 'Robot', name: 'dev' }], dev, false],
    ['kind is case-sensitive', [{ kind: 'user', name: 'dev' }], dev, false],
    ['empty name never matches', [{ kind: 'User', name: '' }], { username: '', groups: [] }, false],
    ['any of several', [{ kind: 'User', name: 'dba' }, { kind: 'Group', name: 'devs' }], dev, true],
    ['no subjects', [], dev, false],
    ['subjects absent', undefined, dev, false],
  ])('%s → %s', (_, subjects, user, expected) => {
    expect(isAccountMember(subjects, user)).toBe(expected);
  });
});

describe('accountsOf', () => {
  const account = (name: string, subjects?: Subject[]): Account => ({ metadata: { name }, spec: subjects ? { subjects } : undefined });
  const accounts: Account[] = [
    account('acme', [{ kind: 'User', name: 'dev' }]),
    account('globex', [{ kind: 'Group', name: 'dbas' }]),
    account('initech', [{ kind: 'Group', name: 'devs' }, { kind: 'User', name: 'dev' }]),
    account('empty'),
    { metadata: {}, spec: { subjects: [{ kind: 'User', name: 'dev' }] } },
    account('ci', [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }]),
  ];

  it.each<[string, UserInfo, string[]]>([
    ['user in two accounts, in order, once each', dev, ['acme', 'initech']],
    ['group member only', { username: 'carol', groups: ['dbas'] }, ['globex']],
    ['service account', sa, ['ci']],
    ['nobody', { username: 'eve', groups: [] }, []],
  ])('%s', (_, user, expected) => {
    expect(accountsOf(accounts, user)).toEqual(expected);
  });

  it('returns nothing for no accounts', () => {
    expect(accountsOf([], dev)).toEqual([]);
  });
});
