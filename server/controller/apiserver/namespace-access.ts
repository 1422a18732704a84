import { createCache, type KubeObject, type ObjectCache, type ResourceRef } from '@/server/kube';
import type { Logger } from '../runtime/logger';
import type { Caller } from './caller';
import type { DelegatedAuthorizer } from './delegated-authorizer';
import { namespacesGettableByRbac, subjectKey, userKeys, type Binding, type PolicyRule, type RbacView } from './rbac-rules';

const rbac = (plural: string, namespaced: boolean): ResourceRef => ({ group: 'rbac.authorization.k8s.io', version: 'v1', plural, namespaced });

interface RoleObject extends KubeObject {
  rules?: PolicyRule[];
}
type BindingObject = KubeObject & Binding;

/** Which spaces (namespaces) a caller may see. */
export interface NamespaceAccess {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A predicate for filtering lists and watches, decided now for this caller. */
  visibleFilter(caller: Caller): Promise<(namespace: string) => boolean>;
  /** Whether the caller may get this one namespace: a hidden space answers 404. */
  canGet(caller: Caller, namespace: string): Promise<boolean>;
}

/**
 * Evaluates RBAC from informers for lists and watches, so that `kubectl get
 * spaces` by a tenant costs no API call per namespace (10,000 spaces would
 * otherwise mean 10,000 SubjectAccessReviews). Two SubjectAccessReviews,
 * cached, cover what RBAC objects alone cannot see: whether the caller may get
 * every namespace (system:masters, webhook authorizers such as EKS access
 * entries), and — for a single get — the authoritative per-namespace answer.
 */
export function createNamespaceAccess(authorizer: DelegatedAuthorizer, log: Logger): NamespaceAccess {
  const onError = (what: string) => (err: unknown) => log.warn('watch failed, restarting', { resource: what, error: String(err) });
  const clusterRoles = createCache<RoleObject>(rbac('clusterroles', false), { onError: onError('clusterroles') });
  const roles = createCache<RoleObject>(rbac('roles', true), { onError: onError('roles') });
  const clusterRoleBindings = createCache<BindingObject>(rbac('clusterrolebindings', false), { onError: onError('clusterrolebindings') });
  const roleBindings = createCache<BindingObject>(rbac('rolebindings', true), { onError: onError('rolebindings') });
  const all: ObjectCache<KubeObject>[] = [clusterRoles, roles, clusterRoleBindings, roleBindings];

  // Bindings by subject, rebuilt lazily after any binding changed.
  let index: { crb: Map<string, Binding[]>; rb: Map<string, Binding[]> } | undefined;
  const invalidate = () => (index = undefined);
  clusterRoleBindings.on(invalidate);
  roleBindings.on(invalidate);
  const build = (bindings: readonly Binding[]) => {
    const m = new Map<string, Binding[]>();
    for (const b of bindings) {
      const keys = new Set((b.subjects ?? []).map((s) => subjectKey(s, b.metadata.namespace ?? '')).filter((k): k is string => !!k));
      for (const k of keys) {
        const list = m.get(k);
        if (list) list.push(b);
        else m.set(k, [b]);
      }
    }
    return m;
  };
  const candidates = (m: Map<string, Binding[]>, keys: string[]) => new Set(keys.flatMap((k) => m.get(k) ?? []));
  const view: RbacView = {
    clusterRoleBindingsFor(user) {
      index ??= { crb: build(clusterRoleBindings.list()), rb: build(roleBindings.list()) };
      return candidates(index.crb, userKeys(user));
    },
    roleBindingsFor(user) {
      index ??= { crb: build(clusterRoleBindings.list()), rb: build(roleBindings.list()) };
      return candidates(index.rb, userKeys(user));
    },
    clusterRoleRules: (name) => clusterRoles.get(name)?.rules,
    roleRules: (ns, name) => roles.get(name, ns)?.rules,
  };

  const getNamespace = (name?: string) => ({ resource: { verb: 'get', group: '', version: 'v1', resource: 'namespaces', name, namespace: name } });
  let started: Promise<void> | undefined;

  const visibleFilter: NamespaceAccess['visibleFilter'] = async (caller) => {
    await started;
    const fromRbac = namespacesGettableByRbac(view, caller);
    if (fromRbac.all) return () => true;
    if ((await authorizer.authorize(caller, getNamespace())).allowed) return () => true;
    return (ns) => fromRbac.names.has(ns);
  };

  return {
    start() {
      started ??= Promise.all(all.map((c) => c.start())).then(() => undefined);
      return started;
    },
    async stop() {
      await Promise.all(all.map((c) => c.stop()));
    },
    visibleFilter,
    async canGet(caller, namespace) {
      if ((await visibleFilter(caller))(namespace)) return true;
      return (await authorizer.authorize(caller, getNamespace(namespace))).allowed;
    },
  };
}
