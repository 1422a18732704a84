import { describe, expect, it } from 'vitest';
import type { AccountObject, RoleBindingObject } from '@/server/kube';
import { desiredRoleBinding, spaceRoleBindingInSync } from './space-role-binding';

const account = (spec: AccountObject['spec'] = { subjects: [{ kind: 'User', name: 'dev' }] }): AccountObject => ({
  apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: 'team-a', uid: 'uid-a' }, spec,
});
// What the API server keeps of a binding the reconciler created.
const bound = (a: AccountObject, role = 'admin', name = 'team-a-x1'): RoleBindingObject => {
  const d = desiredRoleBinding('space-1', a, role);
  return { ...d, metadata: { ...d.metadata, name, generateName: undefined } };
};

describe('spaceRoleBindingInSync: when the space reconciler may skip asking the API server', () => {
  it('yes for the one labelled binding of the account with its subjects and role', () => {
    expect(spaceRoleBindingInSync([bound(account())], account())).toBe(true);
  });

  it('no when the account changed its subjects, its space role, or stopped binding', () => {
    const before = bound(account());
    expect(spaceRoleBindingInSync([before], account({ subjects: [{ kind: 'User', name: 'dba' }] }))).toBe(false);
    expect(spaceRoleBindingInSync([before], account({ subjects: [{ kind: 'User', name: 'dev' }], space: { clusterRole: 'edit' } }))).toBe(false);
    expect(spaceRoleBindingInSync([before], account({ subjects: [{ kind: 'User', name: 'dev' }], space: { clusterRole: '' } }))).toBe(false);
  });

  it('no when the binding is missing, duplicated, unlabelled (made by Kiosk) or owned by another account', () => {
    const a = account();
    const b = bound(a);
    expect(spaceRoleBindingInSync([], a)).toBe(false);
    expect(spaceRoleBindingInSync([b, bound(a, 'admin', 'team-a-x2')], a)).toBe(false);
    expect(spaceRoleBindingInSync([{ ...b, metadata: { ...b.metadata, labels: {} } }], a)).toBe(false);
    expect(spaceRoleBindingInSync([b], { ...a, metadata: { ...a.metadata, uid: 'uid-of-a-recreated-account' } })).toBe(false);
  });
});
