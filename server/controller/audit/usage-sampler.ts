import { auditStore, type UsageSampleInput } from '@/server/audit';
import { addResources, maskResources, type Quantity, type ResourceList } from '@/server/tenancy/quota';
import type { Logger } from '../runtime/logger';

/** A quota's usage as the status shows it: the total (with charges in flight) and each space. */
export interface QuotaUsageSnapshot {
  quota: string;
  account: string;
  /** Resource names the quota limits, and their limits. */
  hard: ResourceList;
  total: ResourceList;
  spaces: Map<string, ResourceList>;
}

const NANO = 1_000_000_000n;

/** A quantity in its base unit (cores, bytes, objects) as an exact decimal: 1500m → "1.5". */
export function quantityDecimal(q: Quantity): string {
  const neg = q.nanos < 0n;
  const abs = neg ? -q.nanos : q.nanos;
  const frac = (abs % NANO).toString().padStart(9, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${abs / NANO}${frac ? `.${frac}` : ''}`;
}

/** The samples of one snapshot: every limited resource, for the account's total (space null) and for each space. */
export function samplesOf(s: QuotaUsageSnapshot, at: Date): UsageSampleInput[] {
  const names = Object.keys(s.hard).sort();
  const value = (list: ResourceList, name: string) => (list[name] ? quantityDecimal(list[name]) : '0');
  const out: UsageSampleInput[] = names.map((resource) => ({ at, quota: s.quota, account: s.account, space: null, resource, used: value(s.total, resource), hard: quantityDecimal(s.hard[resource]!) }));
  for (const [space, used] of [...s.spaces].sort(([a], [b]) => a.localeCompare(b))) {
    for (const resource of names) out.push({ at, quota: s.quota, account: s.account, space, resource, used: value(used, resource) });
  }
  return out;
}

const keyOf = (s: QuotaUsageSnapshot) => JSON.stringify(samplesOf(s, new Date(0)));

interface Known {
  snapshot: QuotaUsageSnapshot;
  key: string;
  sampledAt: number;
  timer?: NodeJS.Timeout;
}

/**
 * Usage history for the console's charts (leader only): each AccountQuota's usage per resource and per space when it
 * changes — at most once per `minIntervalMs` per quota, the latest value winning — and every `periodMs` regardless,
 * so a flat line has points. Old samples are pruned every hour. A sample the database does not take is dropped with
 * a warning: this is history for charts, not the audit trail.
 */
export class UsageSampler {
  private readonly known = new Map<string, Known>();
  private periodic?: NodeJS.Timeout;
  private pruner?: NodeJS.Timeout;

  constructor(
    private readonly log: Logger,
    private readonly opts: { minIntervalMs: number; periodMs: number; pruneEveryMs: number } = { minIntervalMs: 10_000, periodMs: 300_000, pruneEveryMs: 3_600_000 },
    private readonly write: (samples: UsageSampleInput[]) => Promise<unknown> = (s) => auditStore().recordUsageSamples(s),
    private readonly prune: () => Promise<unknown> = () => auditStore().pruneUsageSamples(),
  ) {}

  start(): void {
    this.periodic ??= setInterval(() => this.sampleStale(), Math.min(this.opts.periodMs, 60_000)).unref();
    this.pruner ??= setInterval(() => {
      this.prune().catch((err: unknown) => this.log.warn('pruning usage samples failed', { error: String(err) }));
    }, this.opts.pruneEveryMs).unref();
  }

  /** Stops sampling (leadership lost): the next leader samples from its own counts. */
  stop(): void {
    clearInterval(this.periodic);
    clearInterval(this.pruner);
    this.periodic = this.pruner = undefined;
    for (const k of this.known.values()) clearTimeout(k.timer);
    this.known.clear();
  }

  observe(snapshot: QuotaUsageSnapshot): void {
    const key = keyOf(snapshot);
    const k = this.known.get(snapshot.quota);
    if (k && k.key === key) return;
    const now = Date.now();
    if (!k) {
      this.known.set(snapshot.quota, { snapshot, key, sampledAt: now });
      return this.sample(snapshot, now);
    }
    k.snapshot = snapshot;
    k.key = key;
    const wait = k.sampledAt + this.opts.minIntervalMs - now;
    if (wait <= 0) {
      k.sampledAt = now;
      return this.sample(snapshot, now);
    }
    k.timer ??= setTimeout(() => {
      k.timer = undefined;
      if (this.known.get(snapshot.quota) !== k) return;
      k.sampledAt = Date.now();
      this.sample(k.snapshot, k.sampledAt);
    }, wait).unref();
  }

  forget(quota: string): void {
    clearTimeout(this.known.get(quota)?.timer);
    this.known.delete(quota);
  }

  private sampleStale(): void {
    const now = Date.now();
    for (const k of this.known.values()) {
      if (now - k.sampledAt < this.opts.periodMs || k.timer) continue;
      k.sampledAt = now;
      this.sample(k.snapshot, now);
    }
  }

  private sample(s: QuotaUsageSnapshot, at: number): void {
    this.write(samplesOf(s, new Date(at))).catch((err: unknown) => this.log.warn('usage samples not recorded', { quota: s.quota, error: String(err) }));
  }
}

/** The per-space usage the status shows: what the ledger counts plus charges still waiting for their object. */
export function spaceUsage(spaces: string[], counted: (ns: string) => ResourceList, pending: { namespace: string; usage: ResourceList }[], names: string[]): Map<string, ResourceList> {
  const out = new Map<string, ResourceList>();
  for (const ns of spaces) out.set(ns, maskResources(counted(ns), names));
  for (const c of pending) if (out.has(c.namespace)) out.set(c.namespace, addResources(out.get(c.namespace)!, maskResources(c.usage, names)));
  return out;
}

let sampler: UsageSampler | undefined;

export function initUsageSampler(log: Logger, enabled: boolean): UsageSampler | undefined {
  sampler = enabled ? new UsageSampler(log) : undefined;
  return sampler;
}

/** The process's sampler; undefined when the audit database is not configured (or outside the controller). */
export const usageSampler = (): UsageSampler | undefined => sampler;
