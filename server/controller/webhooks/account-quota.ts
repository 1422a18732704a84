import { isConflict, namespaces, type AccountQuotaObject } from '@/server/kube';
import { ACCOUNT_LABEL } from '@/server/tenancy';
import { checkRequest, forbiddenMessage, groupResourceOf, type QuotaSpec, type QuotaState } from '@/server/tenancy/quota';
import type { Caches } from '../caches';
import { GrantsOutstandingError, type QuotaCharger, type ChargeOutcome } from '../quota/charger';
import { quotaMetrics } from '../quota/metrics';
import type { RecordStore } from '../quota/record-store';
import type { AdmissionRequest, AdmissionRule } from './admission-review';

export interface AccountQuotaRuleDeps {
  caches: Pick<Caches, 'namespaces' | 'accountQuotas' | 'quotaRecords'>;
  store: RecordStore;
  charger: QuotaCharger;
}

/**
 * Enforces every AccountQuota of the account owning the request's namespace, with upstream ResourceQuota semantics
 * and messages, and charges the usage before allowing (see QuotaCharger). Fails closed: until this replica's caches
 * are synced every request is refused with a retriable error rather than let through unmetered.
 */
export function accountQuotaRule(deps: AccountQuotaRuleDeps): AdmissionRule {
  return async (req) => {
    if (!req.namespace || (req.operation !== 'CREATE' && req.operation !== 'UPDATE')) return;
    const { caches } = deps;
    if (!caches.namespaces.synced || !caches.accountQuotas.synced || !caches.quotaRecords.synced) {
      quotaMetrics.admissions.inc({ result: 'error' });
      throw new Error('this Atrium replica is starting and cannot check account quotas yet (caches not synced)');
    }
    const started = performance.now();
    let charged = false;
    try {
      const denial = await admit(deps, req, () => (charged = true));
      return denial;
    } finally {
      quotaMetrics.admissionSeconds.observe({ charged: String(charged) }, (performance.now() - started) / 1000);
    }
  };
}

async function admit(deps: AccountQuotaRuleDeps, req: AdmissionRequest, onCharged: () => void): Promise<string | undefined> {
  const account = await accountOf(deps.caches, req.namespace!);
  if (!account) return;
  const quotas = deps.caches.accountQuotas.list().filter((q) => q.spec?.account === account);
  if (quotas.length === 0) return;
  const states = await Promise.all(quotas.map((q) => quotaState(deps.store, q)));
  const result = checkRequest({
    operation: req.operation, subResource: req.subResource, object: req.object, oldObject: req.oldObject,
    group: req.resource.group, resource: req.resource.resource, name: req.name, now: Date.now(),
  }, states);
  if (result.kind === 'ignore') return void quotaMetrics.admissions.inc({ result: 'allowed' });
  if (result.kind === 'deny') {
    quotaMetrics.admissions.inc({ result: result.message.includes('must specify') ? 'constraint' : 'unknown' });
    return result.message;
  }
  const groupResource = groupResourceOf(req.resource.group, req.resource.resource);
  const name = req.name || req.object?.metadata?.name;
  const uidOf = new Map(quotas.map((q) => [q.metadata.name!, q.metadata.uid!]));
  const settled = await Promise.allSettled(result.charges.map((c) => deps.charger.charge(c.quota, {
    ...c, quotaUid: uidOf.get(c.quota)!,
    pending: req.dryRun ? undefined : {
      key: req.uid, objectUid: req.object?.metadata?.uid ?? '', namespace: req.namespace!, name: name ?? '', groupResource, op: req.operation as 'CREATE' | 'UPDATE',
    },
  })));
  const outcomes = settled.map((s): ChargeOutcome | undefined => (s.status === 'fulfilled' ? s.value : undefined));
  const denied = outcomes.findIndex((o) => !o?.ok);
  if (denied < 0) {
    if (outcomes.some((o) => o?.ok && o.charged)) onCharged();
    quotaMetrics.admissions.inc({ result: 'allowed' });
    return;
  }
  // every quota must pass: give back what the others charged
  await Promise.all(result.charges.map((c, i) => {
    const o = outcomes[i];
    return o?.ok && o.charged ? deps.charger.release(c.quota, req.uid) : undefined;
  }));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    const conflict = isConflict(failed.reason);
    quotaMetrics.admissions.inc({ result: conflict ? 'conflict' : failed.reason instanceof GrantsOutstandingError ? 'reserved' : 'error' });
    throw conflict ? new Error('too many concurrent writes to the account\'s quota usage (conflict)') : failed.reason;
  }
  const outcome = outcomes[denied] as Extract<ChargeOutcome, { ok: false }>;
  quotaMetrics.admissions.inc({ result: outcome.reason });
  if (outcome.reason === 'busy') throw new Error(outcome.message);
  return forbiddenMessage(groupResource, name, outcome.message);
}

/** The account of a namespace. The webhook is only called for labelled namespaces, so a miss means a stale cache. */
async function accountOf(caches: AccountQuotaRuleDeps['caches'], namespace: string): Promise<string | undefined> {
  const cached = caches.namespaces.get(namespace)?.metadata.labels?.[ACCOUNT_LABEL];
  if (cached) return cached;
  return (await namespaces.get(namespace))?.metadata.labels?.[ACCOUNT_LABEL];
}

/** The spec and usage a quota is enforced with: its usage record's, once the controller has written one. */
async function quotaState(store: RecordStore, q: AccountQuotaObject): Promise<QuotaState> {
  const name = q.metadata.name!;
  let rec = store.known(name);
  if (!rec || rec.quotaUid !== q.metadata.uid) rec = await store.fetch(name);
  if (!rec || rec.quotaUid !== q.metadata.uid) return { name, spec: (q.spec?.quota ?? {}) as QuotaSpec };
  return { name, spec: rec.spec, used: rec.used };
}
