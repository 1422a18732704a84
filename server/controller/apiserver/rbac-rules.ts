// Kubernetes RBAC's decision procedure (plugin/pkg/auth/authorizer/rbac), for the
// one question the spaces list asks per namespace: "may this user get it?".

/** rbac.authorization.k8s.io/v1 PolicyRule. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** The subject shape RBAC bindings use. */
export interface RbacSubject {
  kind: string;
  name: string;
  apiGroup?: string;
  namespace?: string;
}

/** A RoleBinding or ClusterRoleBinding, as far as the decision needs it. */
export interface Binding {
  metadata: { name?: string; namespace?: string };
  roleRef: { kind: string; name: string };
  subjects?: RbacSubject[];
}

/** A resource request: what a rule is matched against. */
export interface ResourceRequest {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  name?: string;
}

/** The user, with the groups the kube-apiserver gave them. */
export interface RbacUser {
  username: string;
  groups: readonly string[];
}

const SA_PREFIX = 'system:serviceaccount:';

/** Whether one rule allows the request (RBAC's RuleAllows for resource requests). */
export function ruleAllows(rule: PolicyRule, req: ResourceRequest): boolean {
  const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const verb = rule.verbs.includes('*') || rule.verbs.includes(req.verb);
  const group = (rule.apiGroups ?? []).some((g) => g === '*' || g === req.apiGroup);
  const resource = (rule.resources ?? []).some((r) => r === '*' || r === combined
    || (!!req.subresource && r === `*/${req.subresource}`));
  const names = !rule.resourceNames?.length || (req.name !== undefined && rule.resourceNames.includes(req.name));
  return verb && group && resource && names;
}

/** Whether a binding's subject is this user (RBAC's appliesToUser); a ServiceAccount subject defaults to the binding's namespace. */
export function subjectAppliesTo(subject: RbacSubject, user: RbacUser, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user.username;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      return !!ns && user.username === `${SA_PREFIX}${ns}:${subject.name}`;
    }
    default:
      return false;
  }
}

/** Index keys a subject is filed under, so a user's bindings are found without scanning all of them. */
export function subjectKey(subject: RbacSubject, bindingNamespace: string): string | undefined {
  switch (subject.kind) {
    case 'User':
      return `User:${subject.name}`;
    case 'Group':
      return `Group:${subject.name}`;
    case 'ServiceAccount': {
      // Without a namespace of its own or of its binding, a ServiceAccount subject matches nobody.
      const ns = subject.namespace || bindingNamespace;
      return ns ? `ServiceAccount:${ns}:${subject.name}` : undefined;
    }
    default:
      return undefined;
  }
}

/** The index keys under which bindings for this user are filed. */
export function userKeys(user: RbacUser): string[] {
  const keys = [`User:${user.username}`, ...user.groups.map((g) => `Group:${g}`)];
  if (user.username.startsWith(SA_PREFIX)) {
    const [ns, name] = user.username.slice(SA_PREFIX.length).split(':');
    if (ns && name) keys.push(`ServiceAccount:${ns}:${name}`);
  }
  return keys;
}

/** Read access to RBAC objects (informer caches in the controller, plain arrays in tests). */
export interface RbacView {
  /** ClusterRoleBindings that may apply to the user (a superset is fine). */
  clusterRoleBindingsFor(user: RbacUser): Iterable<Binding>;
  /** RoleBindings that may apply to the user, in all namespaces (a superset is fine). */
  roleBindingsFor(user: RbacUser): Iterable<Binding>;
  clusterRoleRules(name: string): readonly PolicyRule[] | undefined;
  roleRules(namespace: string, name: string): readonly PolicyRule[] | undefined;
}

const getNamespace = (name?: string): ResourceRequest => ({ verb: 'get', apiGroup: '', resource: 'namespaces', name });

/** What one binding lets its subjects `get` among namespaces: all of them, some by name, or none. */
export interface NamespaceGrant {
  all: boolean;
  names: readonly string[];
}
const NOTHING: NamespaceGrant = { all: false, names: [] };

/**
 * The namespaces a binding grants `get` on, given the rules of the role it
 * refers to (undefined: the role does not exist). Same decision as
 * namespacesGettableByRbac, for one binding and independent of the user, so an
 * index can keep it per binding and update it when the binding or its role changes.
 */
export function namespaceGrantOf(binding: Binding, rules: readonly PolicyRule[] | undefined): NamespaceGrant {
  if (!rules?.length) return NOTHING;
  const ns = binding.metadata.namespace ?? '';
  if (ns) return rules.some((rule) => ruleAllows(rule, getNamespace(ns))) ? { all: false, names: [ns] } : NOTHING;
  if (binding.roleRef.kind !== 'ClusterRole') return NOTHING;
  const names = new Set<string>();
  for (const rule of rules) {
    if (!ruleAllows({ ...rule, resourceNames: [] }, getNamespace())) continue;
    if (!rule.resourceNames?.length) return { all: true, names: [] };
    rule.resourceNames.forEach((n) => names.add(n));
  }
  return names.size ? { all: false, names: [...names] } : NOTHING;
}

/**
 * Which namespaces RBAC lets the user `get`: all of them (a ClusterRoleBinding
 * to a role that grants it without resourceNames), and by name. A RoleBinding
 * in namespace X counts for namespace X only, because the kube-apiserver
 * authorizes `GET /api/v1/namespaces/X` with namespace attribute X — that is
 * how the `admin` role bound in a space lets its users see it. Aggregated
 * ClusterRoles need nothing special: their rules are materialized by the
 * clusterrole-aggregation controller.
 */
export function namespacesGettableByRbac(view: RbacView, user: RbacUser): { all: boolean; names: Set<string> } {
  const names = new Set<string>();
  for (const b of view.clusterRoleBindingsFor(user)) {
    if (b.roleRef.kind !== 'ClusterRole' || !(b.subjects ?? []).some((s) => subjectAppliesTo(s, user, ''))) continue;
    for (const rule of view.clusterRoleRules(b.roleRef.name) ?? []) {
      if (!ruleAllows({ ...rule, resourceNames: [] }, getNamespace())) continue;
      if (!rule.resourceNames?.length) return { all: true, names };
      rule.resourceNames.forEach((n) => names.add(n));
    }
  }
  for (const b of view.roleBindingsFor(user)) {
    const ns = b.metadata.namespace ?? '';
    if (!ns || names.has(ns) || !(b.subjects ?? []).some((s) => subjectAppliesTo(s, user, ns))) continue;
    const rules = b.roleRef.kind === 'ClusterRole' ? view.clusterRoleRules(b.roleRef.name) : view.roleRules(ns, b.roleRef.name);
    if ((rules ?? []).some((rule) => ruleAllows(rule, getNamespace(ns)))) names.add(ns);
  }
  return { all: false, names };
}
