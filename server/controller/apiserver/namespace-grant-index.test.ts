import { describe, expect, it } from 'vitest';
import { NamespaceGrantIndex } from './namespace-grant-index';
import { namespacesGettableByRbac, type Binding, type PolicyRule, type RbacUser } from './rbac-rules';

const dev: RbacUser = { username: 'dev', groups: ['team', 'system:authenticated'] };
const U = (name: string) => ({ kind: 'User', name });
const rb = (ns: string, name: string, role: string, subjects: Binding['subjects'], kind = 'ClusterRole'): Binding => ({ metadata: { namespace: ns, name }, roleRef: { kind, name: role }, subjects });
const crb = (name: string, role: string, subjects: Binding['subjects']): Binding => ({ metadata: { name }, roleRef: { kind: 'ClusterRole', name: role }, subjects });
const getNs: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['namespaces'] };
const sorted = (r: { all: boolean; names: Set<string> }) => ({ all: r.all, names: [...r.names].sort() });

describe('NamespaceGrantIndex', () => {
  it('follows a binding whose role appears, changes and goes', () => {
    const idx = new NamespaceGrantIndex();
    idx.setBinding(rb('a', 'b1', 'reader', [U('dev')]));
    expect(sorted(idx.namespacesOf(dev))).toEqual({ all: false, names: [] });
    idx.setRole('ClusterRole', undefined, 'reader', [getNs]);
    expect(sorted(idx.namespacesOf(dev))).toEqual({ all: false, names: ['a'] });
    idx.setRole('ClusterRole', undefined, 'reader', [{ ...getNs, resources: ['pods'] }]);
    expect(sorted(idx.namespacesOf(dev))).toEqual({ all: false, names: [] });
    idx.setRole('ClusterRole', undefined, 'reader', [getNs]);
    idx.deleteRole('ClusterRole', undefined, 'reader');
    expect(sorted(idx.namespacesOf(dev))).toEqual({ all: false, names: [] });
  });

  it('moves a binding from one subject to another on update', () => {
    const idx = new NamespaceGrantIndex();
    idx.setRole('ClusterRole', undefined, 'reader', [getNs]);
    idx.setBinding(rb('a', 'b1', 'reader', [U('dev')]));
    idx.setBinding(rb('a', 'b1', 'reader', [U('other')]));
    expect(sorted(idx.namespacesOf(dev))).toEqual({ all: false, names: [] });
    expect(sorted(idx.namespacesOf({ username: 'other', groups: [] }))).toEqual({ all: false, names: ['a'] });
    idx.deleteBinding(rb('a', 'b1', 'reader', []));
    expect(idx.size).toEqual({ bindings: 0, subjects: 0, roles: 1 });
  });

  it('tells listeners which subjects gained or lost namespaces, and nothing for changes that grant nothing', () => {
    const idx = new NamespaceGrantIndex();
    const heard: string[][] = [];
    idx.onChange((s) => heard.push([...s].sort()));
    idx.setRole('ClusterRole', undefined, 'reader', [getNs]);
    idx.setRole('ClusterRole', undefined, 'pods', [{ ...getNs, resources: ['pods'] }]);
    idx.setBinding(rb('a', 'b1', 'reader', [U('dev'), { kind: 'Group', name: 'team' }]));
    idx.setBinding(rb('a', 'b2', 'pods', [U('x')]));
    idx.setBinding(rb('a', 'b1', 'reader', [U('dev')]));
    idx.setRole('ClusterRole', undefined, 'reader', [getNs, { ...getNs, verbs: ['list'] }]);
    idx.deleteBinding(rb('a', 'b1', 'reader', []));
    expect(heard).toEqual([['Group:team', 'User:dev'], ['Group:team', 'User:dev'], ['User:dev']]);
  });

  it('answers cluster-scoped permissions from ClusterRoleBindings only', () => {
    const idx = new NamespaceGrantIndex();
    const listSpaces = { verb: 'list', apiGroup: 'tenancy.kiosk.sh', resource: 'spaces' };
    idx.setRole('ClusterRole', undefined, 'kiosk-view', [{ verbs: ['get', 'list'], apiGroups: ['tenancy.kiosk.sh'], resources: ['spaces'] }]);
    idx.setBinding(rb('a', 'b', 'kiosk-view', [U('dev')]));
    expect(idx.clusterAllows(dev, listSpaces)).toBe(false);
    idx.setBinding(crb('c', 'kiosk-view', [{ kind: 'Group', name: 'team' }]));
    expect(idx.clusterAllows(dev, listSpaces)).toBe(true);
  });
});

// The index against the reference decision (namespacesGettableByRbac over plain
// arrays), after random sequences of adds, updates and deletes in any order.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('NamespaceGrantIndex, randomized against the reference decision', () => {
  const namespaces = ['a', 'b', 'c', 'd'];
  const users: RbacUser[] = [
    { username: 'u1', groups: ['g1', 'system:authenticated'] },
    { username: 'u2', groups: ['g2', 'system:authenticated'] },
    { username: 'u3', groups: ['g1', 'g2', 'system:authenticated'] },
    { username: 'system:serviceaccount:a:robot', groups: ['system:serviceaccounts', 'system:serviceaccounts:a', 'system:authenticated'] },
    { username: 'system:serviceaccount:b:robot', groups: ['system:serviceaccounts', 'system:serviceaccounts:b', 'system:authenticated'] },
  ];

  it.each(Array.from({ length: 40 }, (_, i) => 1000 + i))('seed %i', (seed) => {
    const r = rng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const some = <T>(xs: readonly T[], max = 2): T[] => [...new Set(Array.from({ length: 1 + Math.floor(r() * max) }, () => pick(xs)))];
    const randomRule = (): PolicyRule => ({
      verbs: some(['get', 'list', '*', 'watch']),
      apiGroups: some(['', '*', 'apps']),
      resources: some(['namespaces', '*', 'pods', 'namespaces/status']),
      ...(r() < 0.3 ? { resourceNames: some([...namespaces, 'zz']) } : {}),
    });
    const randomSubject = () => pick([
      { kind: 'User', name: pick(['u1', 'u2', 'u3']) },
      { kind: 'Group', name: pick(['g1', 'g2', 'system:serviceaccounts', 'system:serviceaccounts:a']) },
      { kind: 'ServiceAccount', name: 'robot', ...(r() < 0.5 ? { namespace: pick(namespaces) } : {}) },
    ]);
    const clusterRoleNames = ['r1', 'r2', 'r3'];
    const clusterRoles = new Map<string, PolicyRule[]>();
    const roles = new Map<string, PolicyRule[]>(); // "<ns>/<name>"
    const bindings = new Map<string, Binding>();
    const idx = new NamespaceGrantIndex();

    for (let step = 0; step < 60; step++) {
      const op = r();
      if (op < 0.2) {
        const name = pick(clusterRoleNames);
        if (r() < 0.2) {
          clusterRoles.delete(name);
          idx.deleteRole('ClusterRole', undefined, name);
        } else {
          const rules = Array.from({ length: 1 + Math.floor(r() * 2) }, randomRule);
          clusterRoles.set(name, rules);
          idx.setRole('ClusterRole', undefined, name, rules);
        }
      } else if (op < 0.3) {
        const ns = pick(namespaces);
        const rules = [randomRule()];
        roles.set(`${ns}/local`, rules);
        idx.setRole('Role', ns, 'local', rules);
      } else if (op < 0.8) {
        const ns = r() < 0.3 ? undefined : pick(namespaces);
        const name = `b${Math.floor(r() * 6)}`;
        const b: Binding = {
          metadata: { name, ...(ns ? { namespace: ns } : {}) },
          roleRef: ns && r() < 0.3 ? { kind: 'Role', name: 'local' } : { kind: 'ClusterRole', name: pick(clusterRoleNames) },
          subjects: Array.from({ length: Math.floor(r() * 3) }, randomSubject),
        };
        bindings.set(`${ns ?? ''}/${name}`, b);
        idx.setBinding(b);
      } else {
        const keys = [...bindings.keys()];
        if (!keys.length) continue;
        const k = pick(keys);
        idx.deleteBinding(bindings.get(k)!);
        bindings.delete(k);
      }

      const all = [...bindings.values()];
      for (const user of users) {
        const want = namespacesGettableByRbac({
          clusterRoleBindingsFor: () => all.filter((b) => !b.metadata.namespace),
          roleBindingsFor: () => all.filter((b) => b.metadata.namespace),
          clusterRoleRules: (n) => clusterRoles.get(n),
          roleRules: (ns, n) => roles.get(`${ns}/${n}`),
        }, user);
        const got = idx.namespacesOf(user);
        // With every namespace granted the names do not matter.
        expect({ step, user: user.username, ...sorted(got.all ? { all: true, names: new Set() } : got) })
          .toEqual({ step, user: user.username, ...sorted(want.all ? { all: true, names: new Set() } : want) });
      }
    }
  });
});
