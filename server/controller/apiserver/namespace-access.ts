import { createCache, type KubeObject, type ObjectCache, type ResourceRef } from '@/server/kube';
import type { Logger } from '../runtime/logger';
import type { Caller } from './caller';
import { createDelegatedAuthorizer, type DelegatedAuthorizer } from './delegated-authorizer';
import { NamespaceGrantIndex } from './namespace-grant-index';
import { userKeys, type Binding, type PolicyRule } from './rbac-rules';

const rbac = (plural: string, namespaced: boolean): ResourceRef => ({ group: 'rbac.authorization.k8s.io', version: 'v1', plural, namespaced });

interface RoleObject extends KubeObject {
  rules?: PolicyRule[];
}
type BindingObject = KubeObject & Binding;

/** What a caller may see among namespaces, decided once per request. */
export interface Visibility {
  /** Every namespace (RBAC, system:masters, or any authorizer that allows `get namespaces` cluster-wide). */
  all: boolean;
  /** The namespaces RBAC lets the caller get (when not all). */
  names: ReadonlySet<string>;
  /**
   * Set for callers RBAC does not explain (their right to this API came from
   * another authorizer, e.g. a webhook): each namespace outside `names` is
   * asked about with a SubjectAccessReview, cached briefly.
   */
  review?: (namespace: string) => Promise<boolean>;
}

/** Whether the caller may see this namespace. */
export async function isVisible(v: Visibility, namespace: string): Promise<boolean> {
  return v.all || v.names.has(namespace) || (v.review ? await v.review(namespace) : false);
}

/** Which spaces (namespaces) a caller may see. */
export interface NamespaceAccess {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** What the caller may see, for a request with this verb on spaces (list, watch, get). */
  visibility(caller: Caller, verb: string): Promise<Visibility>;
  /** What RBAC alone lets the caller see, at once: what visibility() answers for most callers, known before its reviews return. */
  rbacVisibility(caller: Caller): Visibility;
  /** Whether the caller may get this one namespace: a hidden space answers 404. */
  canGet(caller: Caller, namespace: string): Promise<boolean>;
  /** Calls back whenever an RBAC change may have given or taken away a namespace of this caller; returns the unsubscribe function. */
  onAccessChange(caller: Caller, listener: () => void): () => void;
}

// Per-namespace reviews have a cache of their own, so that one caller listing 10,000 namespaces does not evict everyone else's decisions.
const NAMESPACE_REVIEW_ENTRIES = 100_000;

// Only what the index reads is kept in the informers' stores.
const slimMeta = (o: KubeObject) => ({ name: o.metadata.name, namespace: o.metadata.namespace, resourceVersion: o.metadata.resourceVersion });
const slimRole = (o: RoleObject): RoleObject => ({ metadata: slimMeta(o), rules: o.rules });
const slimBinding = (o: BindingObject): BindingObject => ({
  metadata: slimMeta(o),
  roleRef: { kind: o.roleRef.kind, name: o.roleRef.name },
  subjects: o.subjects?.map((s) => ({ kind: s.kind, name: s.name, namespace: s.namespace })),
});

/**
 * Decides from RBAC informers who sees which spaces, so that `kubectl get
 * spaces` by a tenant costs a lookup instead of a SubjectAccessReview per
 * namespace: the NamespaceGrantIndex keeps, per subject, the namespaces its
 * bindings grant `get` on, updated on every Role, ClusterRole, RoleBinding and
 * ClusterRoleBinding event. What RBAC objects cannot show is asked of the API
 * server's authorizer chain (cached 10 s): whether the caller may get every
 * namespace (system:masters, a webhook authorizer), and, for a caller whose
 * access to spaces RBAC does not explain at all, each namespace in turn.
 */
export function createNamespaceAccess(authorizer: DelegatedAuthorizer, log: Logger): NamespaceAccess {
  const onError = (what: string) => (err: unknown) => log.warn('watch failed, restarting', { resource: what, error: String(err) });
  const clusterRoles = createCache<RoleObject>(rbac('clusterroles', false), { onError: onError('clusterroles'), transform: slimRole });
  const roles = createCache<RoleObject>(rbac('roles', true), { onError: onError('roles'), transform: slimRole });
  const clusterRoleBindings = createCache<BindingObject>(rbac('clusterrolebindings', false), { onError: onError('clusterrolebindings'), transform: slimBinding });
  const roleBindings = createCache<BindingObject>(rbac('rolebindings', true), { onError: onError('rolebindings'), transform: slimBinding });
  const all: ObjectCache<KubeObject>[] = [clusterRoles, roles, clusterRoleBindings, roleBindings];

  const index = new NamespaceGrantIndex();
  clusterRoles.on((event, r) => index.setRole('ClusterRole', undefined, r.metadata.name!, event === 'delete' ? undefined : r.rules ?? []));
  roles.on((event, r) => index.setRole('Role', r.metadata.namespace, r.metadata.name!, event === 'delete' ? undefined : r.rules ?? []));
  const onBinding = (event: string, b: BindingObject) => (event === 'delete' ? index.deleteBinding(b) : index.setBinding(b));
  clusterRoleBindings.on(onBinding);
  roleBindings.on(onBinding);

  const namespaceReviews = createDelegatedAuthorizer(NAMESPACE_REVIEW_ENTRIES);
  const review = async (caller: Caller, namespace: string) => (await namespaceReviews.authorize(caller, getNamespace(namespace))).allowed;
  const getNamespace = (name?: string) => ({ resource: { verb: 'get', group: '', version: 'v1', resource: 'namespaces', name, namespace: name } });
  let started: Promise<void> | undefined;

  const visibility: NamespaceAccess['visibility'] = async (caller, verb) => {
    await started;
    const fromRbac = index.namespacesOf(caller);
    if (fromRbac.all) return { all: true, names: fromRbac.names };
    if ((await authorizer.authorize(caller, getNamespace())).allowed) return { all: true, names: fromRbac.names };
    // Got this far (the request itself was authorized) without RBAC granting it: another authorizer decides, namespace by namespace.
    const explained = index.clusterAllows(caller, { verb, apiGroup: 'tenancy.kiosk.sh', resource: 'spaces' });
    return explained ? { all: false, names: fromRbac.names } : { all: false, names: fromRbac.names, review: (ns) => review(caller, ns) };
  };

  return {
    start() {
      started ??= Promise.all(all.map((c) => c.start())).then(() => log.info('RBAC index ready', index.size));
      return started;
    },
    async stop() {
      await Promise.all(all.map((c) => c.stop()));
    },
    visibility,
    rbacVisibility: (caller) => index.namespacesOf(caller),
    async canGet(caller, namespace) {
      await started;
      const fromRbac = index.namespacesOf(caller);
      if (fromRbac.all || fromRbac.names.has(namespace)) return true;
      return review(caller, namespace);
    },
    onAccessChange(caller, listener) {
      const keys = new Set(userKeys(caller));
      return index.onChange((changed) => {
        for (const k of changed) if (keys.has(k)) return listener();
      });
    },
  };
}
