import { randomBytes } from 'node:crypto';
import { KubeApiError, isConflict, isNotFound } from '@/server/kube';
import {
  addResources, exceededQuota, hardNames, maskResources, parseResourceList, positiveResources, subtractResources,
  type Quantity, type QuotaCharge, type ResourceList,
} from '@/server/tenancy/quota';
import { quotaMetrics } from './metrics';
import { OwnGrant } from './own-grant';
import type { RecordStore } from './record-store';
import { unsettled, type Grant, type PendingCharge, type RecordChange, type UsageRecord } from './usage-record';

/** The answer for one quota: charged (or nothing to charge), or the upstream reason to deny. */
export type ChargeOutcome = { ok: true; charged: boolean } | { ok: false; reason: 'exceeded' | 'unknown' | 'busy' | 'reserved'; message: string };

/** One request's charge to one quota. */
export interface ChargeRequest extends QuotaCharge {
  /** uid of the AccountQuota the request saw; a record of another quota of that name is stale. */
  quotaUid: string;
  /** What to record as pending; absent for dry runs, which are checked but not charged. */
  pending?: Omit<PendingCharge, 'usage' | 'after' | 'at'>;
}

export type Op =
  | { kind: 'charge'; req: ChargeRequest; settle: (o: ChargeOutcome) => void; fail: (e: unknown) => void; deadline?: number }
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
 * How often a replica looks at its grants: to renew them (after a quarter of their lifetime, so a slow API server
 * has time to take the write before the grant runs out), give them back, or write what it admitted from them.
 */
const FLUSH_MS = 200;
/**
 * Local admissions are written as charges once the oldest is this old or there are FLUSH_COUNT of them (and at
 * once when a grant is given back): fewer writes far from the limit, where nothing waits for them.
 */
const FLUSH_AGE_MS = 1000;
const FLUSH_COUNT = 50;
/** A replica stops admitting from a grant this long before its `until`: time to answer the API server. */
const GRANT_SAFETY_MS = 500;

export interface ChargerOptions {
  deadlineMs: number;
  /** Escrow: this replica's name; grants are held as `<name>.<per-process suffix>`. */
  replica?: string;
  /** Escrow: lifetime of a grant; 0 turns escrow off (every charge is a compare-and-swap). */
  grantLifetimeMs?: number;
}

/**
 * Charges admissions to usage records with compare-and-swap writes. Requests for one quota that arrive while a write
 * is in flight are decided together against the newest usage and committed in one write (group commit): the
 * usage they are checked against is exactly what the write replaces, so concurrent admissions — here or on other
 * replicas, whose writes make ours fail with 409 and be decided again — never admit more than `hard`.
 *
 * Escrow (docs/adr/0003-exact-account-quota.md): far from the limit, a write also reserves a grant for this
 * replica in the record, and later requests that fit in it are admitted at once, without a write; what was
 * admitted from it is written as charges every FLUSH_MS. Near the limit grants vanish, and a request that only
 * other replicas' grants keep from fitting asks for them back and waits for them.
 */
export class QuotaCharger {
  private readonly queues = new Map<string, { ops: Op[]; running: boolean; sync: boolean }>();
  private readonly held = new Map<string, OwnGrant>();
  private readonly waiters = new Map<string, () => void>();
  private readonly lifetimeMs: number;
  /** The name this process holds each quota's grant under; a new one after a write of unknown outcome. */
  private readonly holders = new Map<string, string>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly store: RecordStore, private readonly opts: ChargerOptions) {
    this.lifetimeMs = opts.replica ? (opts.grantLifetimeMs ?? 0) : 0;
    if (this.lifetimeMs > 0) {
      store.onChange((quota, rec) => this.onRecord(quota, rec));
      this.timer = setInterval(() => this.tick(), FLUSH_MS).unref();
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Checks and, unless it is a dry run, charges a request to one quota. */
  charge(quota: string, req: ChargeRequest): Promise<ChargeOutcome> {
    const local = this.admitLocally(quota, req);
    if (local) return Promise.resolve(local);
    return new Promise((settle, fail) => this.enqueue(quota, { kind: 'charge', req, settle, fail, deadline: Date.now() + this.opts.deadlineMs }));
  }

  /** Gives back a charge (another quota denied the request). */
  release(quota: string, key: string): Promise<void> {
    if (this.held.get(quota)?.unconsume(key)) return Promise.resolve();
    return new Promise((settle, fail) => this.enqueue(quota, { kind: 'release', key, settle, fail }));
  }

  /** Grants this replica holds, for metrics and tests. */
  grants(): { quota: string; size: ResourceList; until: number; unwritten: number }[] {
    return [...this.held].map(([quota, g]) => ({ quota, size: g.grant.size, until: g.grant.until, unwritten: g.consumed.length }));
  }

  /** Admission from this replica's grant, without a write; undefined when the request must go to the record. */
  private admitLocally(quota: string, req: ChargeRequest): ChargeOutcome | undefined {
    const own = this.held.get(quota);
    if (!own) return undefined;
    const rec = this.store.known(quota);
    const now = Date.now();
    if (!rec || rec.quotaUid !== req.quotaUid || rec.generation !== own.grant.generation || rec.revoke >= own.grant.at) return undefined;
    if (now >= own.grant.until - GRANT_SAFETY_MS) return undefined;
    const requested = maskResources(req.requested, hardNames(rec.spec));
    if (Object.keys(requested).some((n) => !(n in rec.used))) return undefined;
    const growth = positiveResources(requested);
    if (Object.keys(growth).length === 0) return { ok: true, charged: false };
    if (!req.pending) {
      // a dry run: checked, never charged
      const avail = own.available();
      return Object.keys(growth).every((k) => k in avail && avail[k]!.nanos >= growth[k]!.nanos) ? { ok: true, charged: false } : undefined;
    }
    if (own.has(req.pending.key) || rec.charges.has(req.pending.key)) return { ok: true, charged: true };
    const inNamespace = own.consumed.filter((c) => c.namespace === req.pending!.namespace).length + pendingIn(rec, [], req.pending.namespace);
    // the bounds on charges in flight, with room for one flush: past them the record decides (busy)
    if (rec.charges.size + own.consumed.length + FLUSH_COUNT >= MAX_PENDING_CHARGES || inNamespace >= MAX_PENDING_CHARGES_PER_NAMESPACE) return undefined;
    if (!own.tryConsume({ ...req.pending, usage: growth, after: req.after, at: now })) return undefined;
    quotaMetrics.localAdmissions.inc();
    return { ok: true, charged: true };
  }

  /** A new version of a record: a revoke, a new spec or a lost grant means giving the grant back now. */
  private onRecord(quota: string, rec: UsageRecord | undefined): void {
    this.waiters.get(quota)?.();
    const own = this.held.get(quota);
    if (!own) return;
    const mine = rec?.grants.get(this.holderOf(quota));
    if (!rec || rec.revoke >= own.grant.at || rec.generation !== own.grant.generation || !mine) this.requestSync(quota);
  }

  /** Every FLUSH_MS: write local admissions, renew grants in use, give back grants no longer used. */
  private tick(): void {
    const now = Date.now();
    for (const [quota, own] of this.held) {
      // paused or cut off past its grant: the record keeps it until the leader removes it, and it covers what was admitted
      if (now >= own.grant.until) this.abandon(quota);
      else if (own.consumed.length >= FLUSH_COUNT || (own.consumed.length > 0 && now - own.consumed[0]!.at >= FLUSH_AGE_MS) || own.grant.until - now < (this.lifetimeMs * 3) / 4) this.requestSync(quota);
    }
  }

  private requestSync(quota: string): void {
    const q = this.queues.get(quota);
    if (q?.sync) return;
    this.enqueue(quota);
  }

  private enqueue(quota: string, op?: Op): void {
    let q = this.queues.get(quota);
    if (!q) this.queues.set(quota, (q = { ops: [], running: false, sync: false }));
    if (op) q.ops.push(op);
    else q.sync = true;
    if (!q.running) {
      q.running = true;
      void this.drain(quota, q);
    }
  }

  private async drain(quota: string, q: { ops: Op[]; running: boolean; sync: boolean }): Promise<void> {
    while (q.ops.length > 0 || q.sync) {
      q.sync = false;
      const batch = q.ops.splice(0, MAX_BATCH);
      let waiting: Op[] = [];
      try {
        waiting = await this.commit(quota, batch);
      } catch (e) {
        for (const op of batch) op.fail(e);
      }
      if (waiting.length > 0) {
        // decided again once the record changes (a grant came back) or soon, newest requests after them
        const now = Date.now();
        const expired = waiting.filter((op) => op.kind === 'charge' && (op.deadline ?? 0) <= now);
        for (const op of expired) op.fail(new GrantsOutstandingError(quota));
        q.ops.unshift(...waiting.filter((op) => !expired.includes(op)));
        if (q.ops.length > 0) await this.recordChanged(quota, 100);
      }
    }
    q.running = false;
    this.queues.delete(quota);
  }

  private recordChanged(quota: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.waiters.delete(quota);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.waiters.set(quota, done);
    });
  }

  /**
   * Decides a batch against the newest usage and writes it; on 409 reads the record again and decides anew.
   * Returns the requests that must wait for other replicas' grants.
   */
  private async commit(quota: string, batch: Op[]): Promise<Op[]> {
    const deadline = Date.now() + this.opts.deadlineMs;
    let rec = this.store.known(quota);
    let fresh = false;
    for (let attempt = 1; ; attempt++) {
      if (!rec) {
        rec = await this.store.fetch(quota);
        fresh = true;
      }
      const own = this.held.get(quota);
      const escrow = this.escrowInput(quota, rec, batch, own);
      const d = decide(quota, rec, batch, escrow);
      const mustConfirm = d.outcomes.some((o) => o && !o.ok) && !fresh;
      if (!d.write) {
        if (mustConfirm) {
          // a denial counts only against usage read from the API server, not a possibly stale copy
          rec = undefined;
          continue;
        }
        if (!d.grant) this.held.delete(quota);
        return settle(batch, d.outcomes);
      }
      own?.begin(d.grant ?? null);
      try {
        quotaMetrics.recordWrites.inc({ writer: 'admission' });
        const end = quotaMetrics.recordWriteSeconds.startTimer({ writer: 'admission' });
        await this.store.patch(rec!, d.write).finally(end);
        this.afterWrite(quota, own, d, escrow?.typical);
        return settle(batch, d.outcomes);
      } catch (e) {
        // 409: someone wrote first; 404: the record was replaced (its quota deleted or recreated); both mean read again
        const reread = isConflict(e) || isNotFound(e);
        if (isConflict(e)) own?.abort();
        // any other failure may or may not have been written: the grant is left to expire, under a new name
        else if (own || d.grant) this.abandon(quota);
        const retriable = reread || (e instanceof KubeApiError ? e.code === 429 || e.code >= 500 : true);
        if (!retriable || Date.now() >= deadline) throw e;
        if (isConflict(e)) quotaMetrics.recordConflicts.inc({ writer: 'admission' });
        if (!reread) await new Promise((r) => setTimeout(r, Math.min(50 * attempt, 500)));
        rec = undefined;
      }
    }
  }

  /** What this write does with the grant: flush local admissions, and retake a grant while the quota is in use here. */
  private escrowInput(quota: string, rec: UsageRecord | undefined, batch: Op[], own: OwnGrant | undefined): EscrowInput | undefined {
    if (this.lifetimeMs <= 0 || !rec) return undefined;
    const now = Date.now();
    let typical: ResourceList | undefined;
    for (const op of batch) if (op.kind === 'charge' && op.req.pending) typical = positiveResources(maskResources(op.req.requested, hardNames(rec.spec)));
    if (!typical && own && now - own.lastUse < this.lifetimeMs / 2) typical = own.typical;
    if (!own && !typical) return undefined;
    return { holder: this.holderOf(quota), flush: own ? own.consumed.slice() : [], typical, lifetimeMs: this.lifetimeMs, now };
  }

  private afterWrite(quota: string, own: OwnGrant | undefined, d: Decision, typical: ResourceList | undefined): void {
    if (d.grant === undefined) return;
    if (own) {
      if (!own.commit(d.grant)) this.held.delete(quota);
    } else if (d.grant) {
      this.held.set(quota, new OwnGrant(d.grant, typical ?? {}, Date.now()));
    }
    if (d.write?.revoke !== undefined) quotaMetrics.grantRevokes.inc();
    quotaMetrics.grantsHeld.set(this.held.size);
  }

  private holderOf(quota: string): string {
    let h = this.holders.get(quota);
    if (!h) this.holders.set(quota, (h = newHolder(this.opts.replica)));
    return h;
  }

  /**
   * Stops using the grant of a quota after a write whose outcome is unknown: the record holds either version, and
   * either covers what was admitted from it. It stays there under its old name until it expires; a new grant is
   * taken under a new name.
   */
  private abandon(quota: string): void {
    this.held.delete(quota);
    this.holders.delete(quota);
    quotaMetrics.grantsHeld.set(this.held.size);
  }
}

/** A request that other replicas' grants keep from fitting, and whose grants did not come back in time: retriable. */
export class GrantsOutstandingError extends Error {
  constructor(quota: string) {
    super(`the headroom of quota ${quota} is reserved by a replica that has not given it back yet (it may have stopped; its grant expires within seconds); retry`);
  }
}

function newHolder(replica: string | undefined): string {
  return `${(replica ?? 'replica').replace(/[^-._a-zA-Z0-9]/g, '-').slice(0, 200)}.${randomBytes(4).toString('hex')}`;
}

export type Decision = {
  outcomes: (ChargeOutcome | undefined)[];
  write?: RecordChange & { add: PendingCharge[]; remove: string[] };
  /** This replica's grant after the write: kept out of `write.grants` only when there is no write. */
  grant?: Grant | null;
};

/** What a write of this replica does with its own grant (escrow; absent: no grants, as before escrow). */
export interface EscrowInput {
  holder: string;
  /** Admissions made from the grant and not written yet: they become charges in this write. */
  flush: PendingCharge[];
  /** Take or renew a grant sized for requests like this one; undefined: give the grant back. */
  typical?: ResourceList;
  lifetimeMs: number;
  now: number;
}

/**
 * Escrow sizing: a replica takes GRANT_FRACTION of the headroom left (after usage and the other grants), divided
 * by the replicas holding grants, and only when that covers GRANT_MIN_REQUESTS requests like the current one:
 * near the limit grants vanish and every admission is a compare-and-swap again.
 */
export const GRANT_FRACTION_DIVISOR = 4n;
export const GRANT_MIN_REQUESTS = 8n;

/**
 * Decides each operation in order against the usage so far; the write is what the accepted ones change. With
 * escrow, the write also turns this replica's local admissions into charges, gives its grant back and retakes one
 * sized for the headroom that is left. A request is admitted only if it fits beside every grant of the other
 * replicas; it is denied only if it does not fit even when every grant is free and every charge written from a
 * grant (which the controller may already count) is left out; in between it is `reserved`: the grants must come
 * back (a revoke asks for them) before it can be decided exactly.
 */
export function decide(quota: string, rec: UsageRecord | undefined, batch: Op[], escrow?: EscrowInput): Decision {
  const now = escrow?.now ?? Date.now();
  let used = rec?.used ?? {};
  const add: PendingCharge[] = [];
  const remove: string[] = [];
  const grants: Record<string, Grant | null> = {};
  let revoke: number | undefined;
  const usable = (l: ResourceList) => maskResources(l, Object.keys(used));
  // usage written from grants: possibly counted twice until the controller resolves it
  let doubtful: ResourceList = {};
  for (const c of rec?.charges.values() ?? []) if (unsettled(rec!, c)) doubtful = addResources(doubtful, usable(c.usage));
  let others: ResourceList = {};
  if (rec && escrow) {
    for (const c of escrow.flush) {
      if (rec.charges.has(c.key)) continue;
      used = addResources(used, usable(c.usage));
      doubtful = addResources(doubtful, usable(c.usage));
      add.push({ ...c, base: rec.resourceVersion });
    }
    if (rec.grants.has(escrow.holder)) grants[escrow.holder] = null;
  }
  for (const [holder, g] of rec?.grants ?? []) if (holder !== escrow?.holder) others = addResources(others, usable(g.size));
  const outcomes = batch.map((op): ChargeOutcome | undefined => {
    if (op.kind === 'release') {
      const c = rec?.charges.get(op.key);
      if (c) {
        used = subtractResources(used, usable(c.usage));
        if (unsettled(rec!, c)) doubtful = subtractResources(doubtful, usable(c.usage));
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
    if (exceededQuota(quota, rec.spec, addResources(used, others), requested)) {
      const sure = exceededQuota(quota, rec.spec, subtractResources(used, doubtful), requested);
      if (sure) return { ok: false, reason: 'exceeded', message: sure };
      return { ok: false, reason: 'reserved', message: `the headroom of quota ${quota} is reserved by other replicas that have not given it back yet; retry shortly` };
    }
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
  let grant: Grant | null | undefined;
  if (rec && escrow) {
    const waiting = outcomes.some((o) => o && !o.ok && o.reason === 'reserved');
    // ask the holders that have not been asked since they took their grants
    const asked = [...rec.grants.values()].filter((g) => g.holder !== escrow.holder);
    // later than every grant by this holder's clock and theirs: each holder sees it as newer than its grant
    if (waiting && asked.some((g) => g.at > rec.revoke)) revoke = Math.max(now, ...asked.map((g) => g.at + 1));
    const quiet = now - Math.max(rec.revoke, revoke ?? 0) >= escrow.lifetimeMs;
    const size = escrow.typical && quiet && !waiting ? grantSize(rec, used, others, escrow.typical, now, escrow.holder) : undefined;
    grant = size ? { holder: escrow.holder, size, until: now + escrow.lifetimeMs, at: now, generation: rec.generation } : null;
    if (grant || rec.grants.has(escrow.holder)) grants[escrow.holder] = grant;
  }
  const changed = add.length || remove.length || Object.keys(grants).length || revoke !== undefined;
  return {
    outcomes,
    write: changed ? { used, add, remove, ...(Object.keys(grants).length ? { grants } : {}), ...(revoke !== undefined ? { revoke } : {}) } : undefined,
    ...(escrow ? { grant: grant ?? null } : {}),
  };
}

/**
 * A grant for this replica: GRANT_FRACTION of each limited resource's headroom divided by the live holders, or
 * undefined when it would not cover GRANT_MIN_REQUESTS requests of the typical size.
 */
export function grantSize(rec: UsageRecord, used: ResourceList, others: ResourceList, typical: ResourceList, now: number, self: string): ResourceList | undefined {
  const hard = parseResourceList(rec.spec.hard);
  const live = 1n + BigInt([...rec.grants.values()].filter((g) => g.holder !== self && g.until > now).length);
  const size: Record<string, Quantity> = {};
  for (const name of hardNames(rec.spec)) {
    if (!(name in rec.used) || !hard[name]) continue;
    const headroom = hard[name].nanos - (used[name]?.nanos ?? 0n) - (others[name]?.nanos ?? 0n);
    size[name] = { nanos: headroom > 0n ? headroom / GRANT_FRACTION_DIVISOR / live : 0n, format: hard[name].format };
  }
  const need = positiveResources(maskResources(typical, Object.keys(size)));
  if (Object.keys(need).length === 0) return undefined;
  for (const [name, q] of Object.entries(need)) if (size[name]!.nanos < q.nanos * GRANT_MIN_REQUESTS) return undefined;
  return size;
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

/** Answers the decided operations; returns those that wait for other replicas' grants. */
function settle(batch: Op[], outcomes: (ChargeOutcome | undefined)[]): Op[] {
  const waiting: Op[] = [];
  batch.forEach((op, i) => {
    const o = outcomes[i];
    if (op.kind === 'release') op.settle();
    else if (o && !o.ok && o.reason === 'reserved') waiting.push(op);
    else op.settle(o!);
  });
  return waiting;
}
