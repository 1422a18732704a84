import { accountQuotas, isAlreadyExists, isConflict, isNotFound, kubeRequest, resourcePath, type AccountQuotaObject } from '@/server/kube';
import {
  addResources, equalResources, formatResourceList, hardNames, maskResources, parseResourceList, zeroQuantity, type ResourceList,
} from '@/server/tenancy/quota';
import { spaceUsage, usageSampler } from '../audit/usage-sampler';
import { spacesOf } from '../caches';
import { quotaMetrics } from '../quota/metrics';
import type { QuotaState, QuotaUsage } from '../quota/quota-usage';
import { unsettled, type PendingCharge, type UsageRecord } from '../quota/usage-record';
import { deepEqual } from '../runtime/deep-equal';

/**
 * Makes one AccountQuota's usage record and status match what the controller counted: the record's `used` becomes
 * the ledger total plus the charges still in flight (charges whose object was seen are dropped: the ledger counts
 * the object now; charges whose object never came are released), and the status shows the same numbers per space.
 */
export async function reconcileAccountQuota(u: QuotaUsage, name: string): Promise<void> {
  const q = u.caches.accountQuotas.get(name);
  if (!q) {
    usageSampler()?.forget(name);
    return void u.forget(name); // the record is owned by the quota: the garbage collector removes it
  }
  const st = u.stateFor(q);
  if (!st) return u.wakeAt(name, Date.now() + 500); // a counted resource's informer is still starting
  const wait = u.throttle(name, 'record');
  if (wait > 0) return u.wakeAt(name, Date.now() + wait);
  const { rec, pending } = await syncRecord(u, q, st);
  const statusWait = await syncStatus(u, q, st, rec, pending);
  usageSampler()?.observe({
    quota: name, account: st.account, hard: parseResourceList(st.spec.hard), total: rec.used,
    spaces: spaceUsage(spacesOf(u.caches, st.account).map((ns) => ns.metadata.name!), (ns) => st.ledger.namespaceUsage(ns), pending, hardNames(st.spec)),
  });
  if (statusWait !== undefined) u.wakeAt(name, Date.now() + statusWait);
  // charges still waiting for their object: look again when they may be checked, then when they expire
  for (const c of pending) u.wakeAt(name, Math.max(u.nextChargeCheck(c.at), Date.now() + 1000));
}

const fillZeros = (used: ResourceList, names: string[]): ResourceList => ({ ...Object.fromEntries(names.map((n) => [n, zeroQuantity()])), ...maskResources(used, names) });

/** Writes the record when its numbers are wrong (or, now and then, to drop confirmed charges); returns it and the charges still pending. */
async function syncRecord(u: QuotaUsage, q: AccountQuotaObject, st: QuotaState): Promise<{ rec: UsageRecord; pending: PendingCharge[] }> {
  const names = hardNames(st.spec);
  let rec = u.store.known(st.name);
  for (let attempt = 1; ; attempt++) {
    // a copy that is missing or belongs to another quota may just be old: decide on what the API server has
    if (!rec || rec.quotaUid !== st.uid) rec = await u.store.fetch(st.name);
    if (!rec || rec.quotaUid !== st.uid) {
      if (rec) await u.store.delete(st.name, rec.recordUid); // of a deleted quota of the same name
      try {
        quotaMetrics.recordWrites.inc({ writer: 'controller' });
        return { rec: await u.store.create({ name: st.name, uid: st.uid, generation: st.generation }, st.spec, fillZeros(st.ledger.total(), names)), pending: [] };
      } catch (e) {
        if (!isAlreadyExists(e) || attempt >= 5) throw e;
        if (!(await u.store.fetch(st.name))) await u.store.delete(st.name, undefined); // exists but unreadable: replace it
        rec = undefined;
        continue;
      }
    }
    const { keep, remove } = await settleCharges(u, st, rec);
    const used = fillZeros(keep.reduce((sum, c) => addResources(sum, maskResources(c.usage, names)), st.ledger.total()), names);
    const specChanged = rec.generation !== st.generation || !deepEqual(rec.spec, st.spec);
    const numbersKept = !specChanged && equalResources(used, rec.used);
    const expired = expiredGrants(u, rec);
    // charges written from grants since the last look: this write tells admission they are counted once
    const settle = [...rec.charges.values()].some((c) => unsettled(rec!, c));
    if (numbersKept && remove.length === 0 && expired.length === 0 && !settle) return { rec, pending: keep };
    if (numbersKept && remove.length < 200 && expired.length === 0 && !settle) {
      const wait = u.throttle(st.name, 'cleanup');
      if (wait > 0) {
        u.wakeAt(st.name, Date.now() + wait);
        return { rec, pending: keep };
      }
    }
    try {
      quotaMetrics.recordWrites.inc({ writer: 'controller' });
      const grants = expired.length ? Object.fromEntries(expired.map((h) => [h, null])) : undefined;
      const written = await u.store.patch(rec, { used, remove, settled: rec.resourceVersion, ...(grants ? { grants } : {}), ...(specChanged ? { spec: st.spec, generation: st.generation } : {}) });
      if (expired.length) {
        quotaMetrics.grantsExpired.inc(expired.length);
        u.log.info('removed the expired grants of replicas that stopped renewing them', { quota: st.name, holders: expired });
      }
      return { rec: written, pending: keep };
    } catch (e) {
      if (!isConflict(e) || attempt >= 10) throw e;
      quotaMetrics.recordConflicts.inc({ writer: 'controller' });
      rec = undefined;
    }
  }
}

/**
 * Grants whose holder stopped renewing them, old enough to remove: the holder admits nothing from a grant after its
 * `until`, and every object it admitted before has been persisted (or refused) within the longest webhook timeout
 * (ATRIUM_QUOTA_PENDING_CHECK_SECONDS) and is counted in the ledger now. Removed only by the leader, in the same
 * write as the usage its ledger counted, so what a dead replica admitted is never missing from `used`.
 */
function expiredGrants(u: QuotaUsage, rec: UsageRecord): string[] {
  const now = Date.now();
  const out: string[] = [];
  for (const g of rec.grants.values()) {
    if (g.until + u.opts.pendingCheckMs < now) out.push(g.holder);
    else u.wakeAt(rec.quota, g.until + u.opts.pendingCheckMs + 50);
  }
  return out;
}

/**
 * Charges to drop (confirmed by a watch event, or released because their object never came) and to keep. A charge
 * older than the early check whose object the API server does not have (or has with another uid) is released
 * without waiting for its expiry: a flood of forged or denied requests holds usage for seconds, not the TTL.
 */
async function settleCharges(u: QuotaUsage, st: QuotaState, rec: UsageRecord): Promise<{ keep: PendingCharge[]; remove: string[] }> {
  const keep: PendingCharge[] = [];
  const remove: string[] = [];
  const now = Date.now();
  for (const c of rec.charges.values()) {
    const expired = now - c.at > u.opts.pendingTtlMs;
    const checkable = now - c.at > u.opts.pendingCheckMs;
    if (c.op === 'CREATE') {
      if (u.wasSeen(c.objectUid)) remove.push(c.key);
      else if (checkable && !(await objectExists(u, c))) {
        quotaMetrics.chargesReleased.inc({ cause: expired ? 'never-created' : 'not-found' });
        remove.push(c.key);
      } else keep.push(c);
    } else {
      const counted = st.ledger.usageOf(c.objectUid);
      const confirmed = !!counted && !!c.after && equalResources(counted, maskResources(c.after, hardNames(st.spec)));
      if (confirmed || expired) remove.push(c.key);
      else if (checkable && !(await objectExists(u, c))) {
        quotaMetrics.chargesReleased.inc({ cause: 'not-found' });
        remove.push(c.key);
      } else keep.push(c);
    }
  }
  return { keep, remove };
}

/** Whether the object of a charge exists, read from the API server (the watch may simply be late). */
async function objectExists(u: QuotaUsage, c: PendingCharge): Promise<boolean> {
  const ref = u.objects.refOf(c.groupResource);
  if (!ref) return false;
  try {
    const o = await kubeRequest<{ metadata?: { uid?: string } }>({ path: resourcePath(ref, { namespace: c.namespace, name: c.name }) });
    return o.metadata?.uid === c.objectUid;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}

/** Writes `status.total` and `status.namespaces` when they changed; returns how long to wait when throttled. */
async function syncStatus(u: QuotaUsage, q: AccountQuotaObject, st: QuotaState, rec: UsageRecord, pending: PendingCharge[]): Promise<number | undefined> {
  const names = hardNames(st.spec);
  const byNamespace = new Map<string, ResourceList>();
  for (const c of pending) byNamespace.set(c.namespace, addResources(byNamespace.get(c.namespace) ?? {}, maskResources(c.usage, names)));
  const pendingIn = (ns: string) => byNamespace.get(ns) ?? {};
  const status = {
    total: { hard: formatResourceList(parseResourceList(st.spec.hard)), used: formatResourceList(fillZeros(rec.used, names)) },
    namespaces: spacesOf(u.caches, st.account).map((ns) => ns.metadata.name!).sort().map((ns) => ({
      namespace: ns, status: { used: formatResourceList(fillZeros(addResources(st.ledger.namespaceUsage(ns), pendingIn(ns)), names)) },
    })),
  };
  if (deepEqual(q.status, status)) return undefined;
  const wait = u.throttle(st.name, 'status');
  if (wait > 0) return wait;
  try {
    await accountQuotas.updateStatus({ ...q, status });
  } catch (e) {
    if (!isConflict(e)) throw e;
    return 200; // our copy is behind the watch; the update event brings us back
  }
  return undefined;
}
