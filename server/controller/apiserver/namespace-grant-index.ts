import {
  namespaceGrantOf, ruleAllows, subjectKey, userKeys, type Binding, type NamespaceGrant, type PolicyRule, type RbacUser, type ResourceRequest,
} from './rbac-rules';

interface Entry {
  roleKey: string;
  cluster: boolean;
  subjects: readonly string[];
  grant: NamespaceGrant;
  binding: Binding;
}

/** Which namespaces a user may get according to RBAC: all of them, or these. */
export interface RbacNamespaces {
  all: boolean;
  names: Set<string>;
}

const bindingKey = (b: Binding) => (b.metadata.namespace ? `rb:${b.metadata.namespace}/${b.metadata.name}` : `crb:${b.metadata.name}`);
const roleKeyOf = (b: Binding) => (b.roleRef.kind === 'Role' ? `Role:${b.metadata.namespace ?? ''}/${b.roleRef.name}` : `ClusterRole:${b.roleRef.name}`);
const roleKey = (kind: 'Role' | 'ClusterRole', namespace: string | undefined, name: string) => (kind === 'Role' ? `Role:${namespace ?? ''}/${name}` : `ClusterRole:${name}`);

/**
 * RBAC's answer to "which namespaces may this subject get?", kept current
 * event by event: each binding's grant (namespaceGrantOf) is computed when the
 * binding or the role it names changes, and filed under the binding's
 * subjects (User:, Group:, ServiceAccount: keys). A lookup is then a union
 * over the caller's user and group keys — no rule is evaluated per request.
 * Listeners hear which subject keys may have gained or lost a namespace.
 */
export class NamespaceGrantIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly bySubject = new Map<string, Set<Entry>>();
  private readonly byRole = new Map<string, Set<string>>();
  private readonly rules = new Map<string, readonly PolicyRule[]>();
  private readonly listeners = new Set<(subjects: ReadonlySet<string>) => void>();

  /** A RoleBinding (with metadata.namespace) or ClusterRoleBinding was added or changed. */
  setBinding(b: Binding): void {
    const key = bindingKey(b);
    const changed = new Set<string>();
    const old = this.entries.get(key);
    if (old) this.unfile(key, old);
    const rk = roleKeyOf(b);
    const ns = b.metadata.namespace ?? '';
    const subjects = [...new Set((b.subjects ?? []).map((s) => subjectKey(s, ns)).filter((k): k is string => !!k))];
    const entry: Entry = { roleKey: rk, cluster: !ns, subjects, grant: namespaceGrantOf(b, this.rules.get(rk)), binding: b };
    this.entries.set(key, entry);
    for (const s of subjects) {
      let set = this.bySubject.get(s);
      if (!set) this.bySubject.set(s, (set = new Set()));
      set.add(entry);
    }
    let dependents = this.byRole.get(rk);
    if (!dependents) this.byRole.set(rk, (dependents = new Set()));
    dependents.add(key);
    if (!old || !sameGrant(old.grant, entry.grant) || !sameSubjects(old.subjects, subjects)) {
      if (old && hasGrant(old.grant)) old.subjects.forEach((s) => changed.add(s));
      if (hasGrant(entry.grant)) subjects.forEach((s) => changed.add(s));
    }
    this.emit(changed);
  }

  deleteBinding(b: Binding): void {
    const key = bindingKey(b);
    const old = this.entries.get(key);
    if (!old) return;
    const changed = new Set<string>();
    this.unfile(key, old);
    if (hasGrant(old.grant)) old.subjects.forEach((s) => changed.add(s));
    this.emit(changed);
  }

  /** A Role (namespace given) or ClusterRole was added or changed: the bindings naming it are decided again. */
  setRole(kind: 'Role' | 'ClusterRole', namespace: string | undefined, name: string, rules: readonly PolicyRule[] | undefined): void {
    const rk = roleKey(kind, namespace, name);
    if (rules) this.rules.set(rk, rules);
    else this.rules.delete(rk);
    const changed = new Set<string>();
    for (const key of this.byRole.get(rk) ?? []) {
      const e = this.entries.get(key)!;
      const grant = namespaceGrantOf(e.binding, rules);
      if (sameGrant(grant, e.grant)) continue;
      e.grant = grant;
      e.subjects.forEach((s) => changed.add(s));
    }
    this.emit(changed);
  }

  deleteRole(kind: 'Role' | 'ClusterRole', namespace: string | undefined, name: string): void {
    this.setRole(kind, namespace, name, undefined);
  }

  /** The namespaces RBAC lets this user get. */
  namespacesOf(user: RbacUser): RbacNamespaces {
    const names = new Set<string>();
    for (const k of userKeys(user)) {
      for (const e of this.bySubject.get(k) ?? []) {
        if (e.grant.all) return { all: true, names };
        for (const n of e.grant.names) names.add(n);
      }
    }
    return { all: false, names };
  }

  /** Whether a ClusterRoleBinding gives the user this cluster-scoped permission (RBAC alone, no other authorizer). */
  clusterAllows(user: RbacUser, req: ResourceRequest): boolean {
    for (const k of userKeys(user)) {
      for (const e of this.bySubject.get(k) ?? []) {
        if (e.cluster && (this.rules.get(e.roleKey) ?? []).some((r) => ruleAllows(r, req))) return true;
      }
    }
    return false;
  }

  /** Calls the listener with the subject keys whose namespaces may have changed; returns the unsubscribe function. */
  onChange(listener: (subjects: ReadonlySet<string>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): { bindings: number; subjects: number; roles: number } {
    return { bindings: this.entries.size, subjects: this.bySubject.size, roles: this.rules.size };
  }

  private unfile(key: string, e: Entry): void {
    this.entries.delete(key);
    for (const s of e.subjects) {
      const set = this.bySubject.get(s);
      set?.delete(e);
      if (set && !set.size) this.bySubject.delete(s);
    }
    const dependents = this.byRole.get(e.roleKey);
    dependents?.delete(key);
    if (dependents && !dependents.size) this.byRole.delete(e.roleKey);
  }

  private emit(changed: Set<string>): void {
    if (!changed.size) return;
    for (const l of this.listeners) l(changed);
  }
}

const hasGrant = (g: NamespaceGrant) => g.all || g.names.length > 0;
const sameGrant = (a: NamespaceGrant, b: NamespaceGrant) => a.all === b.all && a.names.length === b.names.length && a.names.every((n, i) => n === b.names[i]);
const sameSubjects = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((s, i) => s === b[i]);
