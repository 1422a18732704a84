import { addResources, equalResources, subtractResources, type ResourceList } from './resource-list';

interface Entry {
  namespace: string;
  uid: string;
  usage: ResourceList;
}

/**
 * What every object counts against one quota, and the sums per namespace and in total, kept current one object at a
 * time: a watch event changes one entry and moves the sums by the difference, so no event recounts the account.
 */
export class UsageLedger {
  private readonly entries = new Map<string, Entry>();
  private readonly byUid = new Map<string, string>();
  private readonly sums = new Map<string, ResourceList>();
  private sum: ResourceList = {};

  /**
   * Records what the object under `key` (any stable name, e.g. `pods/ns/web-1`) counts now; an empty usage removes it.
   * @returns whether any sum changed.
   */
  set(key: string, namespace: string, uid: string, usage: ResourceList): boolean {
    const before = this.entries.get(key);
    if (before && before.namespace === namespace && before.uid === uid && equalResources(before.usage, usage)) return false;
    const removed = this.delete(key);
    if (Object.keys(usage).length === 0) return removed;
    this.entries.set(key, { namespace, uid, usage });
    this.byUid.set(uid, key);
    this.move(namespace, usage, addResources);
    return true;
  }

  /** Forgets the object under `key`; @returns whether it counted anything. */
  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    if (this.byUid.get(entry.uid) === key) this.byUid.delete(entry.uid);
    this.move(entry.namespace, entry.usage, subtractResources);
    return true;
  }

  /** Forgets every object of a namespace (deleted, or no longer in the account); @returns whether any counted. */
  deleteNamespace(namespace: string): boolean {
    let changed = false;
    for (const [key, entry] of this.entries) if (entry.namespace === namespace) changed = this.delete(key) || changed;
    this.sums.delete(namespace);
    return changed;
  }

  /** What the object with this uid counts now; undefined when it counts nothing or was never seen. */
  usageOf(uid: string): ResourceList | undefined {
    const key = this.byUid.get(uid);
    return key === undefined ? undefined : this.entries.get(key)?.usage;
  }

  /** The sum over one namespace. */
  namespaceUsage(namespace: string): ResourceList {
    return this.sums.get(namespace) ?? {};
  }

  /** The sum over every namespace. */
  total(): ResourceList {
    return this.sum;
  }

  /** Namespaces with at least one object that counts. */
  namespaces(): string[] {
    return [...this.sums.keys()];
  }

  /** Every object that counts, by key. */
  snapshot(): Map<string, { namespace: string; uid: string; usage: ResourceList }> {
    return new Map(this.entries);
  }

  private move(namespace: string, usage: ResourceList, op: (a: ResourceList, b: ResourceList) => ResourceList): void {
    this.sums.set(namespace, op(this.sums.get(namespace) ?? {}, usage));
    this.sum = op(this.sum, usage);
  }
}
