import { addResources, lessThanOrEqual, maskResources, positiveResources, subtractResources, type ResourceList } from '@/server/tenancy/quota';
import type { Grant, PendingCharge } from './usage-record';

/**
 * The grant this replica holds for one quota, and what it admitted from it without writing (escrow). Admission
 * from it is local and synchronous; a write of the record (flush, resize, return) takes the first `n` local
 * admissions with it. While that write is in flight, further admissions must fit both the grant as it was and the
 * grant the write sets, so whichever version the record ends up with covers them.
 */
export class OwnGrant {
  /** Local admissions not yet written as charges, in order. */
  consumed: PendingCharge[] = [];
  private inflight?: { n: number; cap: ResourceList };
  /** When this replica last admitted from the grant (epoch ms). */
  lastUse: number;

  constructor(public grant: Grant, public typical: ResourceList, now: number) {
    this.lastUse = now;
  }

  /** What is left of the grant for a new admission. */
  available(): ResourceList {
    const all = subtractResources(this.grant.size, sum(this.consumed));
    if (!this.inflight) return all;
    const afterWrite = subtractResources(this.inflight.cap, sum(this.consumed.slice(this.inflight.n)));
    const min: Record<string, ResourceList[string]> = {};
    for (const [k, q] of Object.entries(all)) {
      const w = afterWrite[k];
      min[k] = !w ? { ...q, nanos: 0n } : w.nanos < q.nanos ? w : q;
    }
    return min;
  }

  /** Admits `growth` from the grant if it fits; records the charge to write later. */
  tryConsume(charge: PendingCharge): boolean {
    const growth = positiveResources(charge.usage);
    const avail = this.available();
    if (Object.keys(growth).some((k) => !(k in avail))) return false;
    if (!lessThanOrEqual(growth, maskResources(avail, Object.keys(growth))).ok) return false;
    this.consumed.push({ ...charge, usage: growth });
    this.lastUse = charge.at;
    this.typical = growth;
    return true;
  }

  has(key: string): boolean {
    return this.consumed.some((c) => c.key === key);
  }

  /** Takes back a local admission not yet part of a write (another quota denied the request); false if it is being written. */
  unconsume(key: string): boolean {
    const i = this.consumed.findIndex((c) => c.key === key);
    if (i < 0 || (this.inflight && i < this.inflight.n)) return false;
    this.consumed.splice(i, 1);
    return true;
  }

  /** A write starts: it flushes the admissions so far and sets the grant to `next` (null: gives it back). */
  begin(next: Grant | null): PendingCharge[] {
    this.inflight = { n: this.consumed.length, cap: next?.size ?? {} };
    return this.consumed.slice(0, this.inflight.n);
  }

  /** The write failed without effect (409): nothing changed. */
  abort(): void {
    this.inflight = undefined;
  }

  /** The write succeeded: the flushed admissions are charges now, the grant is `next`. */
  commit(next: Grant | null): boolean {
    const n = this.inflight?.n ?? 0;
    this.inflight = undefined;
    this.consumed = this.consumed.slice(n);
    if (next) this.grant = next;
    return !!next;
  }
}

function sum(charges: readonly PendingCharge[]): ResourceList {
  return charges.reduce<ResourceList>((s, c) => addResources(s, c.usage), {});
}
