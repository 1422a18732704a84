// The usage record of one AccountQuota: a small ConfigMap in Atrium's namespace that admission charges with
// compare-and-swap writes (docs/adr/0003-exact-account-quota.md explains why not the AccountQuota status itself).
import { createHash } from 'node:crypto';
import type { KubeObject, ResourceRef } from '@/server/kube';
import { formatResourceList, parseResourceList, type QuotaSpec, type ResourceList } from '@/server/tenancy/quota';

export const configMapsRef: ResourceRef = { group: '', version: 'v1', plural: 'configmaps', namespaced: true };
/** Label selecting usage records (the informer watches only these). */
export const RECORD_ROLE_LABEL = 'atrium.kiosk.sh/role';
export const RECORD_ROLE = 'accountquota-usage';
export const QUOTA_ANNOTATION = 'atrium.kiosk.sh/accountquota';
const CHARGE_PREFIX = 'charge.';
const GRANT_PREFIX = 'grant.';

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
  /**
   * Admitted locally from a grant and written later, by a write based on this resourceVersion of the record: the
   * controller may have counted its object already, so until the controller has looked at it (`settled`) the
   * charge may be counted twice (never missed). Denials leave such charges out.
   */
  base?: string;
}

/**
 * Headroom one replica reserved in the record (escrow, docs/adr/0003-exact-account-quota.md): it admits from it
 * without a write until `until`. `size` still covers what it admitted from it and has not written as charges yet.
 */
export interface Grant {
  /** The replica process holding it (pod name and a per-process suffix). */
  holder: string;
  size: ResourceList;
  /** Epoch ms (the holder's clock) after which the holder admits nothing from it. */
  until: number;
  /** Epoch ms it was taken or last resized; a revoke newer than this asks for it back. */
  at: number;
  /** The record's generation (counted spec) it was reserved under. */
  generation: number;
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
  /** Headroom reserved by replicas, by holder: Σ used + Σ grant sizes ≤ hard. */
  grants: Map<string, Grant>;
  /** Epoch ms a replica last asked every holder to give its grant back (it was about to deny). */
  revoke: number;
  /**
   * The resourceVersion the controller's last write was based on: charges written from grants in versions before
   * it were looked at, and are counted once (the controller resolved those whose objects it counts).
   */
  settled: string;
}

/** ConfigMap name of a quota's record; names too long for the prefix are hashed. */
export function recordName(quota: string): string {
  const name = `atrium-aq-${quota}`;
  return name.length <= 253 ? name : `atrium-aq-${createHash('sha256').update(quota).digest('hex').slice(0, 40)}`;
}

function chargeToText(c: PendingCharge): string {
  return JSON.stringify({
    o: c.objectUid, ns: c.namespace, n: c.name, r: c.groupResource, op: c.op, use: formatResourceList(c.usage),
    ...(c.after ? { after: formatResourceList(c.after) } : {}), at: c.at, ...(c.base !== undefined ? { g: c.base } : {}),
  });
}

function grantToText(g: Grant): string {
  return JSON.stringify({ size: formatResourceList(g.size), until: g.until, at: g.at, gen: g.generation });
}

function grantFromText(holder: string, text: string): Grant {
  const j = JSON.parse(text) as { size: Record<string, string>; until: number; at: number; gen: number };
  return { holder, size: parseResourceList(j.size), until: j.until, at: j.at, generation: j.gen };
}

function chargeFromText(key: string, text: string): PendingCharge {
  const j = JSON.parse(text) as { o: string; ns: string; n: string; r: string; op: 'CREATE' | 'UPDATE'; use: Record<string, string>; after?: Record<string, string>; at: number; g?: string };
  return {
    key, objectUid: j.o, namespace: j.ns, name: j.n, groupResource: j.r, op: j.op, usage: parseResourceList(j.use), after: j.after ? parseResourceList(j.after) : undefined, at: j.at,
    ...(j.g !== undefined ? { base: String(j.g) } : {}),
  };
}

/** The record a ConfigMap holds; undefined when it is not one (or is damaged, which the controller then replaces). */
export function parseRecord(cm: ConfigMapObject): UsageRecord | undefined {
  const data = cm.data ?? {};
  const owner = cm.metadata.ownerReferences?.find((o) => o.kind === 'AccountQuota');
  const quota = cm.metadata.annotations?.[QUOTA_ANNOTATION];
  if (!owner || !quota || data.spec === undefined || data.used === undefined) return undefined;
  try {
    const charges = new Map<string, PendingCharge>();
    const grants = new Map<string, Grant>();
    for (const [k, v] of Object.entries(data)) {
      if (k.startsWith(CHARGE_PREFIX)) charges.set(k.slice(CHARGE_PREFIX.length), chargeFromText(k.slice(CHARGE_PREFIX.length), v));
      else if (k.startsWith(GRANT_PREFIX)) grants.set(k.slice(GRANT_PREFIX.length), grantFromText(k.slice(GRANT_PREFIX.length), v));
    }
    return {
      recordName: cm.metadata.name!, recordUid: cm.metadata.uid ?? '', quota, quotaUid: owner.uid, resourceVersion: cm.metadata.resourceVersion ?? '',
      generation: Number(data.generation ?? 0), spec: JSON.parse(data.spec) as QuotaSpec, used: parseResourceList(JSON.parse(data.used)), charges,
      grants, revoke: Number(data.revoke ?? 0), settled: data.settled ?? '0',
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

/** A change of a record: new usage, charges added and removed, grants set (null: removed), a revoke. */
export interface RecordChange {
  used: ResourceList;
  add?: PendingCharge[];
  remove?: string[];
  spec?: QuotaSpec;
  generation?: number;
  grants?: Record<string, Grant | null>;
  revoke?: number;
  settled?: string;
}

/**
 * A JSON merge patch that moves a record from `rec` to the new usage, adding and removing charges and grants. It
 * carries the resourceVersion it was computed from, so the API server refuses it (409) if anyone wrote the record since.
 */
export function recordPatch(rec: UsageRecord, change: RecordChange): object {
  const data: Record<string, string | null> = { used: JSON.stringify(formatResourceList(change.used)) };
  for (const c of change.add ?? []) data[CHARGE_PREFIX + c.key] = chargeToText(c);
  for (const k of change.remove ?? []) data[CHARGE_PREFIX + k] = null;
  for (const [holder, g] of Object.entries(change.grants ?? {})) data[GRANT_PREFIX + holder] = g ? grantToText(g) : null;
  if (change.revoke !== undefined) data.revoke = String(change.revoke);
  if (change.settled !== undefined) data.settled = change.settled;
  if (change.spec) data.spec = JSON.stringify(change.spec);
  if (change.generation !== undefined) data.generation = String(change.generation);
  return { metadata: { resourceVersion: rec.resourceVersion }, data };
}

/** Whether a charge was written from a grant after the controller last looked: its object may be counted twice. */
export function unsettled(rec: UsageRecord, c: PendingCharge): boolean {
  return c.base !== undefined && !(Number(c.base) < Number(rec.settled));
}

/** Which of two copies of a record is newer: resourceVersions are etcd revisions, increasing integers. */
export function newerRecord(a: UsageRecord | undefined, b: UsageRecord | undefined): UsageRecord | undefined {
  if (!a || !b) return a ?? b;
  const [x, y] = [Number(a.resourceVersion), Number(b.resourceVersion)];
  if (Number.isFinite(x) && Number.isFinite(y)) return y > x ? b : a;
  return b;
}
