import {
  UnknownKindError, applyObject, deleteObject, discoverResource, type ApplyAction, type KubeObject, type OwnerReference, type ResourceRef,
} from '@/server/kube';
import { threeWayMerge, type JsonObject } from '@/server/tenancy';
import { mergeOwnerReferences } from './merge-owner-references';
import { objectKey } from './object-key';
import type { PlannedObject } from './plan-template-objects';

/** What {@link applyTemplateObjects} did, in order; `failure` when it stopped early. */
export interface ApplyTemplateObjectsResult {
  applied: { label: string; action: ApplyAction }[];
  /** Objects of the last apply that the template no longer renders, now deleted. */
  deleted: string[];
  failure?: { label: string; error: string; notApplied: string[]; notDeleted: string[] };
  /**
   * What is deployed now, to store as the next `status.templateManifests`: the new version of every object applied,
   * the previous version of those not reached. Storing this rather than the full desired set after a failure keeps
   * the next three-way merge right, and keeps objects created before the failure tracked (deleted once the
   * template drops them).
   */
  record: JsonObject[];
}

/** How long a custom resource waits for the CRD created just before it to be served. */
const CRD_ESTABLISH_GRACE_MS = 20_000;
const FIELD_MANAGER = 'atrium-templateinstance';

/**
 * Applies planned objects in order — create when missing, otherwise `threeWayMerge(last applied, desired, live)`
 * and PUT — then deletes what the last apply deployed but the template no longer renders. Stops at the first error
 * and says what was and was not done. `managedUids` are the TemplateInstance and Template uids: owner references
 * to them are ours to set or remove.
 */
export async function applyTemplateObjects(
  planned: readonly PlannedObject[],
  lastApplied: readonly JsonObject[],
  managedUids: readonly string[],
): Promise<ApplyTemplateObjectsResult> {
  const last = await indexLastApplied(lastApplied);
  const record = new Map<string, JsonObject>();
  const applied: ApplyTemplateObjectsResult['applied'] = [];
  for (const [i, p] of planned.entries()) {
    const before = last.get(p.key)?.object;
    try {
      const { action } = await applyObject(p.ref, p.applied as unknown as KubeObject, (live) => mergeOne(p, before, live, managedUids), {
        fieldManager: FIELD_MANAGER,
        notFoundGraceMs: p.awaitsCrd ? CRD_ESTABLISH_GRACE_MS : 0,
      });
      record.set(p.key, p.applied);
      applied.push({ label: p.label, action });
    } catch (err) {
      const rest = planned.slice(i + 1);
      for (const q of [p, ...rest]) {
        const previous = last.get(q.key)?.object;
        if (previous) record.set(q.key, previous);
      }
      const stale = [...last.entries()].filter(([key]) => !planned.some((q) => q.key === key));
      for (const [key, entry] of stale) record.set(key, entry.object);
      return {
        applied, deleted: [], record: [...record.values()],
        failure: { label: p.label, error: (err as Error).message, notApplied: rest.map((q) => q.label), notDeleted: stale.map(([, e]) => e.label) },
      };
    }
  }

  const deleted: string[] = [];
  const stale = [...last.entries()].filter(([key]) => !record.has(key));
  for (const [n, [, entry]] of stale.entries()) {
    try {
      const meta = entry.object.metadata as JsonObject;
      if (entry.ref) await deleteObject(entry.ref, meta.name as string, entry.ref.namespaced ? (meta.namespace as string) : undefined);
      deleted.push(entry.label);
    } catch (err) {
      for (const [key, e] of stale.slice(n)) record.set(key, e.object);
      return {
        applied, deleted, record: [...record.values()],
        failure: { label: `${entry.label} (no longer in the template)`, error: (err as Error).message, notApplied: [], notDeleted: stale.slice(n + 1).map(([, e]) => e.label) },
      };
    }
  }
  return { applied, deleted, record: [...record.values()] };
}

function mergeOne(p: PlannedObject, before: JsonObject | undefined, live: KubeObject, managedUids: readonly string[]): KubeObject {
  const desired = structuredClone(p.applied);
  const meta = desired.metadata as JsonObject;
  const wanted = (meta.ownerReferences ?? []) as unknown as OwnerReference[];
  const refs = mergeOwnerReferences(live.metadata.ownerReferences, wanted, managedUids);
  // null removes the field: our reference goes when the no-owner annotation was added after a first apply.
  meta.ownerReferences = refs.length > 0 ? (refs as unknown as JsonObject[]) : null;
  return threeWayMerge(before, desired, live as unknown as JsonObject) as unknown as KubeObject;
}

interface LastEntry {
  object: JsonObject;
  label: string;
  /** undefined when its kind is no longer served: then there is nothing left to delete. */
  ref: ResourceRef | undefined;
}

/** Keys the last applied objects like planned ones; discovery decides the scope (Kiosk stored a namespace on every object). */
async function indexLastApplied(objects: readonly JsonObject[]): Promise<Map<string, LastEntry>> {
  const index = new Map<string, LastEntry>();
  for (const object of objects) {
    const meta = object.metadata as JsonObject | undefined;
    const { apiVersion, kind } = object;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof meta?.name !== 'string') continue;
    let ref: ResourceRef | undefined;
    try {
      ref = await discoverResource(apiVersion, kind);
    } catch (err) {
      if (!(err instanceof UnknownKindError)) throw err;
    }
    const namespace = ref && !ref.namespaced ? undefined : (meta.namespace as string | undefined);
    index.set(objectKey(apiVersion, kind, namespace, meta.name), { object, ref, label: `${kind} ${namespace ? `${namespace}/` : ''}${meta.name}` });
  }
  return index;
}
