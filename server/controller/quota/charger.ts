import { KubeApiError, isConflict, isNotFound } from '@/server/kube';
import {
  addResources, exceededQuota, hardNames, maskResources, positiveResources, subtractResources, type QuotaCharge, type ResourceList,
} from '@/server/tenancy/quota';
import { quotaMetrics } from './metrics';
import type { RecordStore } from './record-store';
import type { PendingCharge, UsageRecord } from './usage-record';

/** The answer for one quota: charged (or nothing to charge), or the upstream reason to deny. */
export type ChargeOutcome = { ok: true; charged: boolean } | { ok: false; reason: 'exceeded' | 'unknown' | 'busy'; message: string };

/** One request's charge to one quota. */
export interface ChargeRequest extends QuotaCharge {
  /** uid of the AccountQuota the request saw; a record of another quota of that name is stale. */
  quotaUid: string;
  /** What to record as pending; absent for dry runs, which are checked but not charged. */
  pending?: Omit<PendingCharge, 'usage' | 'after' | 'at'>;
}

export type Op =
  | { kind: 'charge'; req: ChargeRequest; settle: (o: ChargeOutcome) => void; fail: (e: unknown) => void }
  | { kind: 'release'; key: string; settle: () => void; fail: (e: unknown) => void };

const MAX_BATCH = 200;
/**
 * Charges waiting for their objects, per record. Normally a few dozen (the controller resolves them within a fraction
 * of a second); a flood of requests that a later admission step denies would otherwise grow the record towards the
 * 1 MiB object limit, so beyond this admission refuses with a retriable error until charges are released.
 */
export const MAX_PENDING_CHARGES = 2000;
/**
 * Charges waiting for their objects in one namespace of a quota. A flood of requests for one space (forged, or
 * denied by a later admission step) holds at most this many, so the account's other spaces keep being admitted.
 */
export const MAX_PENDING_CHARGES_PER_NAMESPACE = 200;

/**
 * Charges admissions to usage records with compare-and-swap writes. Requests for one quota that arrive while a write
 * is in flight are decided together against the newest usage and committed in one write (group commit): the
 * usage they are checked against is exactly what the write replaces, so concurrent admissions — here or on other
 * replicas, whose writes make ours fail with 409 and be decided again — never admit more than `hard`.
 */
export class QuotaCharger {
  private readonly queues = new Map<string, { ops: Op[]; running: boolean }>();

  constructor(private readonly store: RecordStore, private readonly opts: { deadlineMs: number }) {}

  /** Checks and, unless it is a dry run, charges a request to one quota. */
  charge(quota: string, req: ChargeRequest): Promise<ChargeOutcome> {
    return new Promise((settle, fail) => this.enqueue(quota, { kind: 'charge', req, settle, fail }));
  }

  /** Gives back a charge (another quota denied the request). */
  release(quota: string, key: string): Promise<void> {
    return new Promise((settle, fail) => this.enqueue(quota, { kind: 'release', key, settle, fail }));
  }

  private enqueue(quota: string, op: Op): void {
    let q = this.queues.get(quota);
    if (!q) this.queues.set(quota, (q = { ops: [], running: false }));
    q.ops.push(op);
    if (!q.running) {
      q.running = true;
      void this.drain(quota, q);
    }
  }

  private async drain(quota: string, q: { ops: Op[]; running: boolean }): Promise<void> {
    while (q.ops.length > 0) {
      const batch = q.ops.splice(0, MAX_BATCH);
      try {
        await this.commit(quota, batch);
      } catch (e) {
        for (const op of batch) op.fail(e);
      }
    }
    q.running = false;
    this.queues.delete(quota);
  }

  /** Decides a batch against the newest usage and writes it; on 409 reads the record again and decides anew. */
  private async commit(quota: string, batch: Op[]): Promise<void> {
    const deadline = Date.now() + this.opts.deadlineMs;
    let rec = this.store.known(quota);
    let fresh = false;
    for (let attempt = 1; ; attempt++) {
      if (!rec) {
        rec = await this.store.fetch(quota);
        fresh = true;
      }
      const d = decide(quota, rec, batch);
      const mustConfirm = d.outcomes.some((o) => o && !o.ok) && !fresh;
      if (!d.write) {
        if (mustConfirm) {
          // a denial counts only against usage read from the API server, not a possibly stale copy
          rec = undefined;
          continue;
        }
        return settle(batch, d.outcomes);
      }
      try {
        quotaMetrics.recordWrites.inc({ writer: 'admission' });
        const end = quotaMetrics.recordWriteSeconds.startTimer({ writer: 'admission' });
        await this.store.patch(rec!, d.write).finally(end);
        return settle(batch, d.outcomes);
      } catch (e) {
        // 409: someone wrote first; 404: the record was replaced (its quota deleted or recreated); both mean read again
        const reread = isConflict(e) || isNotFound(e);
        const retriable = reread || (e instanceof KubeApiError ? e.code === 429 || e.code >= 500 : true);
        if (!retriable || Date.now() >= deadline) throw e;
        if (isConflict(e)) quotaMetrics.recordConflicts.inc({ writer: 'admission' });
        if (!reread) await new Promise((r) => setTimeout(r, Math.min(50 * attempt, 500)));
        rec = undefined;
      }
    }
  }
}

export type Decision = { outcomes: (ChargeOutcome | undefined)[]; write?: { used: ResourceList; add: PendingCharge[]; remove: string[] } };

/** Decides each operation in order against the usage so far; the write is what the accepted ones change. */
export function decide(quota: string, rec: UsageRecord | undefined, batch: Op[]): Decision {
  const now = Date.now();
  let used = rec?.used ?? {};
  const add: PendingCharge[] = [];
  const remove: string[] = [];
  const outcomes = batch.map((op): ChargeOutcome | undefined => {
    if (op.kind === 'release') {
      const c = rec?.charges.get(op.key);
      if (c) {
        used = subtractResources(used, maskResources(c.usage, Object.keys(used)));
        remove.push(op.key);
      }
      return undefined;
    }
    const r = op.req;
    if (!rec || rec.quotaUid !== r.quotaUid) return unknown(quota, Object.keys(r.requested));
    // the API server retries a webhook call whose connection broke with the same request: charge it once
    if (r.pending && (rec.charges.has(r.pending.key) || add.some((c) => c.key === r.pending!.key))) return { ok: true, charged: true };
    const requested = maskResources(r.requested, hardNames(rec.spec));
    if (Object.keys(requested).length === 0) return { ok: true, charged: false };
    if (Object.keys(requested).some((n) => !(n in rec.used))) return unknown(quota, hardNames(rec.spec));
    const exceeded = exceededQuota(quota, rec.spec, used, requested);
    if (exceeded) return { ok: false, reason: 'exceeded', message: exceeded };
    const growth = positiveResources(requested);
    if (!r.pending || Object.keys(growth).length === 0) return { ok: true, charged: false };
    if (rec.charges.size + add.length >= MAX_PENDING_CHARGES) {
      return { ok: false, reason: 'busy', message: `too many admissions of quota ${quota} are waiting for their objects (${rec.charges.size}); retry shortly` };
    }
    const inNamespace = pendingIn(rec, add, r.pending.namespace);
    if (inNamespace >= MAX_PENDING_CHARGES_PER_NAMESPACE) {
      return { ok: false, reason: 'busy', message: `too many admissions in namespace ${r.pending.namespace} are waiting for their objects under quota ${quota} (${inNamespace}); retry shortly` };
    }
    used = addResources(used, growth);
    add.push({ ...r.pending, usage: growth, after: r.after, at: now });
    return { ok: true, charged: true };
  });
  return { outcomes, write: add.length || remove.length ? { used, add, remove } : undefined };
}

/** Charges of one namespace: those in the record and those this batch adds. */
function pendingIn(rec: UsageRecord, add: readonly PendingCharge[], namespace: string): number {
  let n = 0;
  for (const c of rec.charges.values()) if (c.namespace === namespace) n++;
  for (const c of add) if (c.namespace === namespace) n++;
  return n;
}

function unknown(quota: string, resources: string[]): ChargeOutcome {
  return { ok: false, reason: 'unknown', message: `status unknown for quota: ${quota}, resources: ${[...resources].sort().join(',')}` };
}

function settle(batch: Op[], outcomes: (ChargeOutcome | undefined)[]): void {
  batch.forEach((op, i) => (op.kind === 'charge' ? op.settle(outcomes[i]!) : op.settle()));
}
