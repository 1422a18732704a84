import type { AuditEventInput } from '@/server/audit';
import { controllerAudit } from './controller-audit';

const MINUTE = 60_000;

interface Bucket {
  count: number;
  lastMessage: string;
}

/**
 * AccountQuota denials, counted per account, resource and minute and recorded as one audit event each — not a row
 * per denied pod (a crash-looping ReplicaSet is denied many times a second). Each replica counts what it answered;
 * the event names the replica, so counts from several replicas add up.
 */
export class QuotaDenialCounter {
  private readonly minutes = new Map<number, Map<string, Bucket>>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly replica: string,
    private readonly now: () => number = Date.now,
    private readonly record: (e: AuditEventInput) => void = (e) => controllerAudit().record(e),
  ) {}

  add(account: string, resource: string, message: string): void {
    const minute = Math.floor(this.now() / MINUTE);
    let buckets = this.minutes.get(minute);
    if (!buckets) this.minutes.set(minute, (buckets = new Map()));
    const key = `${account}\u0000${resource}`;
    const b = buckets.get(key) ?? { count: 0, lastMessage: '' };
    b.count++;
    b.lastMessage = message;
    buckets.set(key, b);
    this.schedule();
  }

  /** Records every finished minute (all of them with `all`, on shutdown). */
  flush(all = false): void {
    const current = Math.floor(this.now() / MINUTE);
    const actor = controllerAudit().actor;
    for (const [minute, buckets] of this.minutes) {
      if (!all && minute >= current) continue;
      this.minutes.delete(minute);
      const from = new Date(minute * MINUTE);
      for (const [key, b] of buckets) {
        const [account, resource] = key.split('\u0000') as [string, string];
        this.record({
          requestId: `quota-denials:${this.replica}:${account}:${resource}:${from.toISOString()}`,
          at: from,
          source: 'controller',
          actor,
          action: 'accountquota.denied',
          target: { kind: 'AccountQuota', ...(account ? { account } : {}) },
          summary: { resource, count: b.count, from: from.toISOString(), to: new Date((minute + 1) * MINUTE).toISOString(), replica: this.replica },
          outcome: 'denied',
          message: b.lastMessage,
        });
      }
    }
    if (this.minutes.size > 0) this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flush(true);
  }

  private schedule(): void {
    if (this.timer) return;
    const next = (Math.floor(this.now() / MINUTE) + 1) * MINUTE + 100;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, next - this.now()).unref();
  }
}

let counter: QuotaDenialCounter | undefined;

export function initQuotaDenials(replica: string): QuotaDenialCounter {
  counter = new QuotaDenialCounter(replica);
  return counter;
}

export function quotaDenials(): QuotaDenialCounter {
  counter ??= new QuotaDenialCounter('unknown');
  return counter;
}
