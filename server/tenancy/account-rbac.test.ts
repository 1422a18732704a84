import { describe, expect, it } from 'vitest';
import { accountRoleName, accountRules, bindingSubjects, spaceClusterRole } from './account-rbac';

describe('account RBAC', () => {
  it.each([
    [undefined, 'admin'],
    ['kiosk-space-admin', 'kiosk-space-admin'],
    ['', undefined],
  ])('space cluster role for %j is %j', (configured, expected) => {
    expect(spaceClusterRole(configured)).toBe(expected);
  });

  it.each([
    [{ kind: 'User', name: 'dev' }, { kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }],
    [{ kind: 'Group', name: 'devs', apiGroup: '' }, { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' }],
    [{ kind: 'ServiceAccount', name: 'ci', namespace: 'tools' }, { kind: 'ServiceAccount', name: 'ci', namespace: 'tools' }],
  ])('normalises subject %j for bindings', (subject, expected) => {
    expect(bindingSubjects([subject])).toEqual([expected]);
  });

  it('grants get on the own account only, by name', () => {
    const own = accountRules('node-account').find((r) => r.resourceNames);
    expect(own).toEqual({ apiGroups: ['tenancy.kiosk.sh', 'config.kiosk.sh'], resources: ['accounts'], verbs: ['get'], resourceNames: ['node-account'] });
    expect(accountRoleName('node-account')).toBe('kiosk-account-node-account-view');
  });

  it('grants get on the account\'s own quotas by name, and no quota rule at all without quotas', () => {
    const quotaRule = (names?: string[]) => accountRules('a', names).find((r) => r.resources.includes('accountquotas'));
    expect(quotaRule(['q2', 'q1', 'q2'])).toEqual({ apiGroups: ['config.kiosk.sh'], resources: ['accountquotas'], verbs: ['get'], resourceNames: ['q1', 'q2'] });
    // resourceNames: [] would mean every quota of every account
    expect(quotaRule([])).toBeUndefined();
    expect(quotaRule()).toBeUndefined();
  });
});
