import { describe, expect, it } from 'vitest';
import {
  namespaceGrantOf, namespacesGettableByRbac, ruleAllows, subjectAppliesTo, userKeys, type Binding, type PolicyRule, type RbacView,
} from './rbac-rules';

const get = (name?: string) => ({ verb: 'get', apiGroup: '', resource: 'namespaces', name });

describe('ruleAllows', () => {
  it.each<[string, PolicyRule, ReturnType<typeof get> & { subresource?: string }, boolean]>([
    ['exact', { verbs: ['get'], apiGroups: [''], resources: ['namespaces'] }, get('a'), true],
    ['wildcards', { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, get('a'), true],
    ['another verb', { verbs: ['list'], apiGroups: [''], resources: ['namespaces'] }, get('a'), false],
    ['another group', { verbs: ['get'], apiGroups: ['apps'], resources: ['namespaces'] }, get('a'), false],
    ['another resource', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, get('a'), false],
    ['its resourceName', { verbs: ['get'], apiGroups: [''], resources: ['namespaces'], resourceNames: ['a'] }, get('a'), true],
    ['another resourceName', { verbs: ['get'], apiGroups: [''], resources: ['namespaces'], resourceNames: ['b'] }, get('a'), false],
    ['resourceNames without a name', { verbs: ['get'], apiGroups: [''], resources: ['namespaces'], resourceNames: ['a'] }, get(), false],
    ['subresource needs its own entry', { verbs: ['get'], apiGroups: [''], resources: ['namespaces'] }, { ...get('a'), subresource: 'status' }, false],
    ['*/subresource', { verbs: ['get'], apiGroups: [''], resources: ['*/status'] }, { ...get('a'), subresource: 'status' }, true],
    ['no apiGroups', { verbs: ['get'], resources: ['namespaces'] }, get('a'), false],
  ])('%s → %s', (_, rule, req, want) => expect(ruleAllows(rule, req)).toBe(want));
});

const dev = { username: 'dev', groups: ['team', 'system:authenticated'] };
const sa = { username: 'system:serviceaccount:ci:deployer', groups: ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated'] };

describe('subjectAppliesTo', () => {
  it.each([
    [{ kind: 'User', name: 'dev' }, dev, '', true],
    [{ kind: 'User', name: 'Dev' }, dev, '', false],
    [{ kind: 'Group', name: 'team' }, dev, '', true],
    [{ kind: 'Group', name: 'system:authenticated' }, dev, '', true],
    [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }, sa, '', true],
    [{ kind: 'ServiceAccount', name: 'deployer' }, sa, 'ci', true],
    [{ kind: 'ServiceAccount', name: 'deployer' }, sa, '', false],
    [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'other' }, sa, 'ci', false],
    [{ kind: 'User', name: 'system:serviceaccount:ci:deployer' }, sa, '', true],
    [{ kind: 'Robot', name: 'dev' }, dev, '', false],
  ])('%o for %o in "%s" → %s', (subject, user, ns, want) => expect(subjectAppliesTo(subject, user, ns)).toBe(want));
});

describe('userKeys', () => {
  it('files a service account under its subject key too', () => {
    expect(userKeys(sa)).toContain('ServiceAccount:ci:deployer');
    expect(userKeys(dev)).toEqual(['User:dev', 'Group:team', 'Group:system:authenticated']);
  });
});

const rb = (ns: string, role: string, subjects: Binding['subjects'], kind = 'ClusterRole'): Binding => ({ metadata: { namespace: ns }, roleRef: { kind, name: role }, subjects });
const crb = (role: string, subjects: Binding['subjects']): Binding => ({ metadata: {}, roleRef: { kind: 'ClusterRole', name: role }, subjects });
const viewOf = (crbs: Binding[], rbs: Binding[]): RbacView => ({
  clusterRoleBindingsFor: () => crbs,
  roleBindingsFor: () => rbs,
  clusterRoleRules: (name) => ({
    // "admin" as aggregated in a real cluster: it includes get namespaces.
    admin: [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['namespaces', 'pods'] }],
    edit: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
    'ns-reader': [{ verbs: ['get'], apiGroups: [''], resources: ['namespaces'] }],
    'one-ns': [{ verbs: ['get'], apiGroups: [''], resources: ['namespaces'], resourceNames: ['x', 'y'] }],
  } as Record<string, PolicyRule[]>)[name],
  roleRules: (ns, name) => (ns === 'r' && name === 'local' ? [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] : undefined),
});

describe('namespacesGettableByRbac', () => {
  const U = (name: string) => ({ kind: 'User', name });
  it.each([
    ['nothing', [], [], { all: false, names: [] }],
    ['a RoleBinding to admin in its namespace', [], [rb('a', 'admin', [U('dev')])], { all: false, names: ['a'] }],
    ['via a group', [], [rb('a', 'admin', [{ kind: 'Group', name: 'team' }])], { all: false, names: ['a'] }],
    ['not someone else\'s binding', [], [rb('a', 'admin', [U('other')])], { all: false, names: [] }],
    ['not a role without get namespaces', [], [rb('a', 'edit', [U('dev')])], { all: false, names: [] }],
    ['a namespaced Role', [], [rb('r', 'local', [U('dev')], 'Role')], { all: false, names: ['r'] }],
    ['a Role of another namespace is not found', [], [rb('a', 'local', [U('dev')], 'Role')], { all: false, names: [] }],
    ['a missing ClusterRole', [], [rb('a', 'gone', [U('dev')])], { all: false, names: [] }],
    ['a RoleBinding naming another namespace', [], [rb('a', 'one-ns', [U('dev')])], { all: false, names: [] }],
    ['a ClusterRoleBinding without names', [crb('ns-reader', [U('dev')])], [], { all: true, names: [] }],
    ['a ClusterRoleBinding with names', [crb('one-ns', [U('dev')])], [], { all: false, names: ['x', 'y'] }],
  ])('%s', (_, crbs, rbs, want) => {
    const got = namespacesGettableByRbac(viewOf(crbs, rbs), dev);
    expect({ all: got.all, names: [...got.names].sort() }).toEqual(want);
  });
});

describe('namespaceGrantOf', () => {
  const getNs = { verbs: ['get'], apiGroups: [''], resources: ['namespaces'] };
  const U = [{ kind: 'User', name: 'dev' }];
  it.each<[string, Binding, PolicyRule[] | undefined, { all: boolean; names: string[] }]>([
    ['a RoleBinding grants its own namespace', rb('a', 'r', U), [getNs], { all: false, names: ['a'] }],
    ['only when a rule allows get', rb('a', 'r', U), [{ ...getNs, verbs: ['list'] }], { all: false, names: [] }],
    ['a missing role grants nothing', rb('a', 'r', U), undefined, { all: false, names: [] }],
    ['resourceNames naming its namespace', rb('a', 'r', U), [{ ...getNs, resourceNames: ['a'] }], { all: false, names: ['a'] }],
    ['resourceNames naming another namespace', rb('a', 'r', U), [{ ...getNs, resourceNames: ['b'] }], { all: false, names: [] }],
    ['wildcards', rb('a', 'r', U), [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], { all: false, names: ['a'] }],
    ['a ClusterRoleBinding grants all', crb('r', U), [getNs], { all: true, names: [] }],
    ['or the named ones', crb('r', U), [{ ...getNs, resourceNames: ['x'] }, { ...getNs, resourceNames: ['y'] }], { all: false, names: ['x', 'y'] }],
    ['a ClusterRoleBinding without a get rule', crb('r', U), [{ ...getNs, resources: ['pods'] }], { all: false, names: [] }],
  ])('%s', (_, binding, rules, want) => {
    const got = namespaceGrantOf(binding, rules);
    expect({ all: got.all, names: [...got.names].sort() }).toEqual(want);
  });
});
