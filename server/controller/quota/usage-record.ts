// The usage record of one AccountQuota: a small ConfigMap in Atrium's namespace that admission charges with
// compare-and-swap writes (docs/adr/0003-exact-account-quota.md explains why not the AccountQuota status itself).
import { createHash } from 'node:crypto';
import type { KubeObject, ResourceRef } from '@/server/kube';
import { formatResourceList, parseResourceList, type QuotaSpec, type ResourceList } from '@/server/tenancy/quota';

export const configMapsRef: ResourceRef = { group: '', version: 'v1', plural: 'configmaps', namespaced: true };
/** Label selecting usage records (the informer watches only these). */
export const RECORD_ROLE_LABEL = 'atrium.kiosk.sh/role';
export const RECORD_ROLE = 'accountquota-usage';
const QUOTA_ANNOTATION = 'atrium.kiosk.sh/accountquota';
const CHARGE_PREFIX = 'charge.';

export interface ConfigMapObject extends KubeObject {
  data?: Record<string, string>;
}

/** Usage admitted but not yet seen in a watch event: the charge of one admission request. */
export interface PendingCharge {
  /** The admission request's uid. */
  key: string;
  objectUid: string;
  namespace: string;
  name: string;
  /** `pods`, `deployments.apps` … */
  groupResource: string;
  op: 'CREATE' | 'UPDATE';
  /** What was added to `used` (only growth is charged). */
  usage: ResourceList;
  /** UPDATE: the object's usage afterwards; seeing it confirms the charge. */
  after?: ResourceList;
  /** Epoch ms of the charge. */
  at: number;
}

/** What admission enforces for one AccountQuota: the spec that was counted, the usage, and the charges in flight. */
export interface UsageRecord {
  recordName: string;
  /** The ConfigMap's own uid, so a stale record is deleted only if it is still that one. */
  recordUid: string;
  quota: string;
  /** uid of the AccountQuota the record belongs to: a record of a deleted and recreated quota is stale. */
  quotaUid: string;
  resourceVersion: string;
  /** metadata.generation of the AccountQuota whose spec was counted. */
  generation: number;
  spec: QuotaSpec;
  /** Everything counted plus every pending charge. */
  used: ResourceList;
  charges: Map<string, PendingCharge>;
}

/** ConfigMap name of a quota's record; names too long for the prefix are hashed. */
export function recordName(quota: string): string {
  const name = `atrium-aq-${quota}`;
  return name.length <= 253 ? name : `atrium-aq-${createHash('sha256').update(quota).digest('hex').slice(0, 40)}`;
}

function chargeToText(c: PendingCharge): string {
  return JSON.stringify({
    o: c.objectUid, ns: c.namespace, n: c.name, r: c.groupResource, op: c.op, use: formatResourceList(c.usage),
    ...(c.after ? { after: formatResourceList(c.after) } : {}), at: c.at,
  });
}

function chargeFromText(key: string, text: string): PendingCharge {
  const j = JSON.parse(text) as { o: string; ns: string; n: string; r: string; op: 'CREATE' | 'UPDATE'; use: Record<string, string>; after?: Record<string, string>; at: number };
  return { key, objectUid: j.o, namespace: j.ns, name: j.n, groupResource: j.r, op: j.op, usage: parseResourceList(j.use), after: j.after ? parseResourceList(j.after) : undefined, at: j.at };
}

/** The record a ConfigMap holds; undefined when it is not one (or is damaged, which the controller then replaces). */
export function parseRecord(cm: ConfigMapObject): UsageRecord | undefined {
  const data = cm.data ?? {};
  const owner = cm.metadata.ownerReferences?.find((o) => o.kind === 'AccountQuota');
  const quota = cm.metadata.annotations?.[QUOTA_ANNOTATION];
  if (!owner || !quota || data.spec === undefined || data.used === undefined) return undefined;
  try {
    const charges = new Map<string, PendingCharge>();
    for (const [k, v] of Object.entries(data)) if (k.startsWith(CHARGE_PREFIX)) charges.set(k.slice(CHARGE_PREFIX.length), chargeFromText(k.slice(CHARGE_PREFIX.length), v));
    return {
      recordName: cm.metadata.name!, recordUid: cm.metadata.uid ?? '', quota, quotaUid: owner.uid, resourceVersion: cm.metadata.resourceVersion ?? '',
      generation: Number(data.generation ?? 0), spec: JSON.parse(data.spec) as QuotaSpec, used: parseResourceList(JSON.parse(data.used)), charges,
    };
  } catch {
    return undefined;
  }
}

/** A new record for a quota, with usage counted by the controller and no charges. */
export function newRecordObject(namespace: string, quota: { name: string; uid: string; generation: number }, spec: QuotaSpec, used: ResourceList): ConfigMapObject {
  return {
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: {
      name: recordName(quota.name), namespace,
      labels: { 'app.kubernetes.io/part-of': 'atrium', [RECORD_ROLE_LABEL]: RECORD_ROLE },
      annotations: { [QUOTA_ANNOTATION]: quota.name },
      ownerReferences: [{ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'AccountQuota', name: quota.name, uid: quota.uid, controller: true, blockOwnerDeletion: false }],
    },
    data: { generation: String(quota.generation), spec: JSON.stringify(spec), used: JSON.stringify(formatResourceList(used)) },
  };
}

/**
 * A JSON merge patch that moves a record from `rec` to the new usage, adding and removing charges. It carries the
 * resourceVersion it was computed from, so the API server refuses it (409) if anyone wrote the record since.
 */
export function recordPatch(
  rec: UsageRecord,
  change: { used: ResourceList; add?: PendingCharge[]; remove?: string[]; spec?: QuotaSpec; generation?: number },
): object {
  const data: Record<string, string | null> = { used: JSON.stringify(formatResourceList(change.used)) };
  for (const c of change.add ?? []) data[CHARGE_PREFIX + c.key] = chargeToText(c);
  for (const k of change.remove ?? []) data[CHARGE_PREFIX + k] = null;
  if (change.spec) data.spec = JSON.stringify(change.spec);
  if (change.generation !== undefined) data.generation = String(change.generation);
  return { metadata: { resourceVersion: rec.resourceVersion }, data };
}

/** Which of two copies of a record is newer: resourceVersions are etcd revisions, increasing integers. */
export function newerRecord(a: UsageRecord | undefined, b: UsageRecord | undefined): UsageRecord | undefined {
  if (!a || !b) return a ?? b;
  const [x, y] = [Number(a.resourceVersion), Number(b.resourceVersion)];
  if (Number.isFinite(x) && Number.isFinite(y)) return y > x ? b : a;
  return b;
}
