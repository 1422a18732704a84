import { describe, expect, it } from 'vitest';
import { mapClaims } from './claims';

const plain = { usernameClaim: 'sub', usernamePrefix: '', groupsClaim: 'groups', groupsPrefix: '' };

describe('mapClaims', () => {
  it.each([
    ['sub without prefixes', { sub: 'dev', groups: ['team-a'] }, plain, { username: 'dev', groups: ['team-a'] }],
    ['EKS-style prefixes', { email: 'ann@example.com', groups: ['ops', 'dev'] }, { usernameClaim: 'email', usernamePrefix: 'oidc:', groupsClaim: 'groups', groupsPrefix: 'oidc:' }, { username: 'oidc:ann@example.com', groups: ['oidc:ops', 'oidc:dev'] }],
    ['a single group as a string', { sub: 'x', roles: 'admins' }, { ...plain, groupsClaim: 'roles' }, { username: 'x', groups: ['admins'] }],
    ['no groups claim', { sub: 'x' }, plain, { username: 'x', groups: [] }],
    ['non-string groups are dropped', { sub: 'x', groups: ['a', 3, null] }, plain, { username: 'x', groups: ['a'] }],
  ])('%s', (_name, claims, mapping, want) => {
    expect(mapClaims(claims, mapping)).toEqual(want);
  });

  it('names the missing claim and the setting to change', () => {
    expect(() => mapClaims({ sub: 'x' }, { ...plain, usernameClaim: 'email' })).toThrow(/no "email" claim.*OIDC_USERNAME_CLAIM/);
  });
});
