import type { AccountQuotaObject, KubeObject, NamespaceObject } from '@/server/kube';
import { ACCOUNT_LABEL } from '@/server/tenancy';
import {
  UsageLedger, equalResources, evaluatorFor, hardNames, maskResources, quotaMatches, removeZeros, type QuotaSpec,
} from '@/server/tenancy/quota';
import type { Caches } from '../caches';
import type { Logger } from '../runtime/logger';
import { quotaMetrics } from './metrics';
import { ObjectCaches } from './object-caches';
import type { RecordStore } from './record-store';
import { parseRecord, unsettled, type ConfigMapObject } from './usage-record';

export interface QuotaUsageOptions {
  /** How long a charge may wait for its object before the object is looked up, and released if it never came. */
  pendingTtlMs: number;
  /**
   * How old a charge must be before its object is looked up early: one the API server does not have by then is
   * released at once instead of after `pendingTtlMs` (a forged review, or a request a later step denied).
   */
  pendingCheckMs: number;
  /** Least time between two writes of one usage record by the controller (admission writes are not limited). */
  recordIntervalMs: number;
  /** Least time between two writes of one AccountQuota status. */
  statusIntervalMs: number;
  /** How often every quota is recounted from the caches to find (and correct) drift. */
  recountIntervalMs: number;
}

/** What the controller knows of one AccountQuota: the spec it counted and what every object counts. */
export interface QuotaState {
  name: string;
  uid: string;
  generation: number;
  account: string;
  spec: QuotaSpec;
  /** Group resources the quota counts (`pods`, `deployments.apps` …). */
  resources: string[];
  ledger: UsageLedger;
}

const SEEN_RETENTION_MS = 10 * 60_000;
const CLEANUP_INTERVAL_MS = 1000;
const splitGroupResource = (gr: string): [string, string] => {
  const dot = gr.indexOf('.');
  return dot < 0 ? ['', gr] : [gr.slice(dot + 1), gr.slice(0, dot)];
};
const evaluatorOf = (gr: string) => evaluatorFor(...splitGroupResource(gr));
const LEGACY_COUNTS = ['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas'];

/** The group resources a quota spec counts. */
export function countedResources(spec: QuotaSpec): string[] {
  const hard = hardNames(spec);
  const out = new Set<string>();
  for (const gr of ['pods', 'services', 'persistentvolumeclaims']) if (evaluatorOf(gr).matchingResources(hard).length > 0) out.add(gr);
  for (const name of hard) {
    if (name.startsWith('count/')) out.add(name.slice('count/'.length));
    if (LEGACY_COUNTS.includes(name)) out.add(name);
  }
  return [...out];
}

/**
 * The usage side of AccountQuotas, run by the leader: keeps one ledger per quota current from watch events (one
 * object evaluated per event), recounts only when a quota is new or changed, when leadership starts and
 * periodically to report drift, and asks the work queue to write usage records and statuses.
 */
export class QuotaUsage {
  readonly objects: ObjectCaches;
  private readonly states = new Map<string, QuotaState>();
  private readonly byAccount = new Map<string, Set<string>>();
  /** uids of objects seen in watch events, which confirms their CREATE charges */
  private readonly seen = new Map<string, number>();
  private readonly nsAccount = new Map<string, string>();
  private readonly expiry = new Map<string, NodeJS.Timeout>();
  private readonly lastWrite = new Map<string, number>();
  private readonly wakeups = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private recountTimer?: NodeJS.Timeout;
  private active = false;

  constructor(
    readonly caches: Caches,
    readonly store: RecordStore,
    private readonly enqueue: (quota: string) => void,
    readonly log: Logger,
    readonly opts: QuotaUsageOptions,
  ) {
    this.objects = new ObjectCaches(caches, (gr, event, obj) => this.onObject(gr, event, obj), log);
    caches.namespaces.on((event, ns) => this.onNamespace(event, ns));
    caches.accountQuotas.on((event, q) => this.onQuota(event, q));
    caches.quotaRecords.on((event, cm) => this.onRecord(event, cm));
  }

  /** Starts counting (this replica became leader): nothing a previous leader counted is trusted. */
  start(): void {
    this.active = true;
    const now = Date.now();
    for (const ns of this.caches.namespaces.list()) {
      const account = ns.metadata.labels?.[ACCOUNT_LABEL];
      if (account) this.nsAccount.set(ns.metadata.name!, account);
    }
    for (const cache of [this.caches.pods, this.caches.services, this.caches.persistentVolumeClaims]) {
      for (const o of cache.list()) if (o.metadata.uid) this.seen.set(o.metadata.uid, now);
    }
    for (const q of this.caches.accountQuotas.list()) this.enqueue(q.metadata.name!);
    this.recountTimer = setInterval(() => this.checkDrift(), this.opts.recountIntervalMs).unref();
  }

  async stop(): Promise<void> {
    this.active = false;
    clearInterval(this.recountTimer);
    for (const t of this.expiry.values()) clearTimeout(t);
    this.expiry.clear();
    for (const w of this.wakeups.values()) clearTimeout(w.timer);
    this.wakeups.clear();
    this.states.clear();
    this.byAccount.clear();
    this.nsAccount.clear();
    this.seen.clear();
    await this.objects.stop();
  }

  /** The counted state of a quota, recounting it if it is new or its spec changed; undefined while caches start. */
  stateFor(q: AccountQuotaObject): QuotaState | undefined {
    const name = q.metadata.name!;
    const known = this.states.get(name);
    if (known && known.uid === q.metadata.uid && known.generation === Number(q.metadata.generation ?? 0) && known.account === q.spec.account) return known;
    const counted = this.count(q);
    if (!counted) return undefined;
    this.forget(name);
    this.states.set(name, counted);
    if (!this.byAccount.has(counted.account)) this.byAccount.set(counted.account, new Set());
    this.byAccount.get(counted.account)!.add(name);
    return counted;
  }

  forget(quota: string): void {
    const st = this.states.get(quota);
    if (!st) return;
    this.states.delete(quota);
    this.byAccount.get(st.account)?.delete(quota);
  }

  /**
   * Reconciles a quota again at `at` (epoch ms) at the latest; an earlier wake-up replaces a later one. (The work
   * queue's own delayed adds keep the first timer, so a long wait would hold back a short one.)
   */
  wakeAt(quota: string, at: number): void {
    const known = this.wakeups.get(quota);
    if (known && known.at <= at) return;
    if (known) clearTimeout(known.timer);
    const timer = setTimeout(() => {
      this.wakeups.delete(quota);
      if (this.active) this.enqueue(quota);
    }, Math.max(0, at - Date.now())).unref();
    this.wakeups.set(quota, { at, timer });
  }

  /** Whether the object of a CREATE charge has been seen in a watch event. */
  wasSeen(uid: string): boolean {
    return this.seen.has(uid);
  }

  /**
   * Milliseconds to wait before writing `what` of a quota again (0: now), and notes the write when 0. `cleanup` is a
   * record write that only drops confirmed charges: it changes no number, so it waits longer and conflicts less
   * with admissions.
   */
  throttle(quota: string, what: 'record' | 'cleanup' | 'status'): number {
    const key = `${what}/${quota}`;
    const interval = what === 'record' ? this.opts.recordIntervalMs : what === 'cleanup' ? CLEANUP_INTERVAL_MS : this.opts.statusIntervalMs;
    const wait = (this.lastWrite.get(key) ?? 0) + interval - Date.now();
    if (wait > 0) return wait;
    this.lastWrite.set(key, Date.now());
    return 0;
  }

  private count(q: AccountQuotaObject): QuotaState | undefined {
    const spec = (q.spec.quota ?? {}) as QuotaSpec;
    const resources = countedResources(spec);
    const caches = resources.map((gr) => [gr, this.objects.get(gr)] as const);
    if (caches.some(([, c]) => !c)) return undefined;
    const ledger = new UsageLedger();
    const now = Date.now();
    for (const ns of this.caches.namespaces.list()) {
      if (ns.metadata.labels?.[ACCOUNT_LABEL] !== q.spec.account) continue;
      for (const [gr, cache] of caches) {
        const evaluator = evaluatorOf(gr);
        for (const o of cache!.list(ns.metadata.name)) {
          quotaMetrics.recountObjects.inc();
          const usage = quotaMatches(evaluator, spec, o) ? maskResources(evaluator.usage(o, now), hardNames(spec)) : {};
          ledger.set(`${gr}/${ns.metadata.name}/${o.metadata.name}`, ns.metadata.name!, o.metadata.uid ?? '', usage);
        }
      }
    }
    return { name: q.metadata.name!, uid: q.metadata.uid!, generation: Number(q.metadata.generation ?? 0), account: q.spec.account, spec, resources, ledger };
  }

  private statesOf(account: string | undefined): QuotaState[] {
    if (!account) return [];
    return [...(this.byAccount.get(account) ?? [])].map((n) => this.states.get(n)!).filter(Boolean);
  }

  private onObject(gr: string, event: 'add' | 'update' | 'delete', obj: KubeObject): void {
    if (!this.active) return;
    const { namespace, name, uid } = obj.metadata;
    const now = Date.now();
    if (uid) this.seen.set(uid, now);
    const states = this.statesOf(this.nsAccount.get(namespace!)).filter((st) => st.resources.includes(gr));
    if (states.length === 0) return;
    quotaMetrics.events.inc();
    const key = `${gr}/${namespace}/${name}`;
    if (event === 'delete') {
      clearTimeout(this.expiry.get(key));
      this.expiry.delete(key);
      for (const st of states) if (st.ledger.delete(key)) this.enqueue(st.name);
      return;
    }
    const evaluator = evaluatorOf(gr);
    const usage = evaluator.usage(obj, now);
    quotaMetrics.objectsEvaluated.inc();
    for (const st of states) {
      const counted = quotaMatches(evaluator, st.spec, obj) ? maskResources(usage, hardNames(st.spec)) : {};
      if (st.ledger.set(key, namespace!, uid ?? '', counted)) this.enqueue(st.name);
    }
    if (gr === 'pods') this.scheduleExpiry(key, obj);
  }

  /** A pod stuck terminating stops counting at deletionTimestamp + grace: evaluate it again then. */
  private scheduleExpiry(key: string, pod: KubeObject): void {
    const { deletionTimestamp, deletionGracePeriodSeconds } = pod.metadata as { deletionTimestamp?: string; deletionGracePeriodSeconds?: number };
    if (!deletionTimestamp || typeof deletionGracePeriodSeconds !== 'number' || this.expiry.has(key)) return;
    const at = Date.parse(deletionTimestamp) + deletionGracePeriodSeconds * 1000 + 10;
    if (at - Date.now() > 2 ** 31 - 1) return;
    this.expiry.set(key, setTimeout(() => {
      this.expiry.delete(key);
      const live = this.caches.pods.get(pod.metadata.name!, pod.metadata.namespace);
      if (live) this.onObject('pods', 'update', live);
    }, Math.max(0, at - Date.now())).unref());
  }

  private onNamespace(event: 'add' | 'update' | 'delete', ns: NamespaceObject): void {
    if (!this.active) return;
    const name = ns.metadata.name!;
    const account = event === 'delete' ? undefined : ns.metadata.labels?.[ACCOUNT_LABEL];
    const before = this.nsAccount.get(name);
    if (account) this.nsAccount.set(name, account);
    else this.nsAccount.delete(name);
    if (before === account) {
      // a space came or went: the per-namespace list of the account's quotas changes
      if (account && event !== 'update') for (const st of this.statesOf(account)) this.enqueue(st.name);
      return;
    }
    for (const st of this.statesOf(before)) {
      st.ledger.deleteNamespace(name);
      this.enqueue(st.name);
    }
    const now = Date.now();
    for (const st of this.statesOf(account)) {
      for (const gr of st.resources) {
        const evaluator = evaluatorOf(gr);
        for (const o of this.objects.get(gr)?.list(name) ?? []) {
          quotaMetrics.recountObjects.inc();
          const usage = quotaMatches(evaluator, st.spec, o) ? maskResources(evaluator.usage(o, now), hardNames(st.spec)) : {};
          st.ledger.set(`${gr}/${name}/${o.metadata.name}`, name, o.metadata.uid ?? '', usage);
        }
      }
      this.enqueue(st.name);
    }
  }

  private onQuota(event: 'add' | 'update' | 'delete', q: AccountQuotaObject): void {
    if (!this.active) return;
    if (event === 'delete') return this.forget(q.metadata.name!);
    this.enqueue(q.metadata.name!);
  }

  /** The next moment a charge made at `at` should be looked at again: its early check, then its expiry. */
  nextChargeCheck(at: number): number {
    const check = at + this.opts.pendingCheckMs + 50;
    return Date.now() < check ? check : at + this.opts.pendingTtlMs + 50;
  }

  /** New charges: look again once they may be checked (their objects normally confirm them long before). */
  private onRecord(event: 'add' | 'update' | 'delete', cm: ConfigMapObject): void {
    if (!this.active) return;
    const rec = parseRecord(cm);
    if (!rec) return;
    if (event === 'delete') return this.enqueue(rec.quota);
    // a grant that is not renewed is removed once it is old enough (reconcilers/account-quota.ts)
    for (const g of rec.grants.values()) this.wakeAt(rec.quota, g.until + this.opts.pendingCheckMs + 50);
    if (rec.charges.size === 0) return;
    // charges written from grants: admission near the limit waits until this replica has looked at them
    if ([...rec.charges.values()].some((c) => unsettled(rec, c))) return this.enqueue(rec.quota);
    const earliest = Math.min(...[...rec.charges.values()].map((c) => c.at));
    this.wakeAt(rec.quota, this.nextChargeCheck(earliest));
  }

  /** Recounts every quota from the caches; a difference from the incremental ledger is drift: report and correct it. */
  private checkDrift(): void {
    const now = Date.now();
    for (const [uid, at] of this.seen) if (now - at > SEEN_RETENTION_MS) this.seen.delete(uid);
    for (const st of [...this.states.values()]) {
      const q = this.caches.accountQuotas.get(st.name);
      const fresh = q && this.count(q);
      if (!q || !fresh) continue;
      const namespaces = new Set([...st.ledger.namespaces(), ...fresh.ledger.namespaces()]);
      const drifted = [...namespaces].filter((ns) => !equalResources(removeZeros(st.ledger.namespaceUsage(ns)), removeZeros(fresh.ledger.namespaceUsage(ns))));
      if (drifted.length === 0) continue;
      quotaMetrics.drift.inc({ quota: st.name });
      this.log.warn('account quota usage drifted from a full recount; corrected', { quota: st.name, namespaces: drifted });
      st.ledger = fresh.ledger;
      this.enqueue(st.name);
    }
  }
}
