import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from './objects';
import { KubeApiError, isAlreadyExists, isConflict, isNotFound, kubeRequest } from './request';
import { resourcePath, type ResourceRef } from './resources';

/** What {@link applyObject} did. */
export type ApplyAction = 'created' | 'updated' | 'unchanged';

export interface ApplyObjectOptions {
  /** Recorded in managedFields, so people can see who wrote a field. */
  fieldManager?: string;
  /**
   * Keep retrying a 404 for this long: a custom resource whose CRD was created moments ago is not served until the
   * CRD is established.
   */
  notFoundGraceMs?: number;
}

const CONFLICT_ATTEMPTS = 5;
const TRANSIENT_ATTEMPTS = 4;

/**
 * Creates `desired` when no object of that name exists; otherwise replaces the live object with `merge(live)` (a
 * full PUT carrying the live resourceVersion, so a concurrent writer makes us re-read and merge again rather than
 * overwrite). An object whose merge equals the live object is not written at all. Throttling, 5xx answers and
 * dropped connections are retried a few times before the error is thrown.
 */
export async function applyObject(
  ref: ResourceRef,
  desired: KubeObject,
  merge: (live: KubeObject) => KubeObject,
  opts: ApplyObjectOptions = {},
): Promise<{ action: ApplyAction; object: KubeObject }> {
  const at = { namespace: ref.namespaced ? desired.metadata.namespace : undefined, name: desired.metadata.name };
  const query = { fieldManager: opts.fieldManager };
  const deadline = Date.now() + (opts.notFoundGraceMs ?? 0);
  for (let attempt = 1; ; attempt++) {
    try {
      const live = await transient(() => kubeRequest<KubeObject>({ path: resourcePath(ref, at) })).catch((e) => {
        if (isNotFound(e)) return undefined;
        throw e;
      });
      if (!live) {
        const object = await transient(() => kubeRequest<KubeObject>({ method: 'POST', path: resourcePath(ref, { namespace: at.namespace }), body: desired, query }));
        return { action: 'created', object };
      }
      const merged = merge(live);
      if (isDeepStrictEqual(merged, live)) return { action: 'unchanged', object: live };
      // managedFields are the server's bookkeeping: sending a stale copy back would rewrite field ownership.
      const body = { ...merged, metadata: { ...merged.metadata, managedFields: undefined, resourceVersion: live.metadata.resourceVersion } };
      const object = await transient(() => kubeRequest<KubeObject>({ method: 'PUT', path: resourcePath(ref, at), body, query }));
      return { action: 'updated', object };
    } catch (e) {
      const raced = (isConflict(e) || isAlreadyExists(e)) && attempt < CONFLICT_ATTEMPTS;
      const notServedYet = isNotFound(e) && Date.now() < deadline;
      if (!raced && !notServedYet) throw e;
      if (notServedYet) await sleep(500);
    }
  }
}

/** Deletes one object (background propagation); false when it was already gone. */
export async function deleteObject(ref: ResourceRef, name: string, namespace?: string): Promise<boolean> {
  try {
    await transient(() => kubeRequest({
      method: 'DELETE', path: resourcePath(ref, { namespace, name }),
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
    }));
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}

function isTransient(e: unknown): boolean {
  if (e instanceof KubeApiError) return e.code === 429 || e.code >= 500;
  // Socket errors and timeouts of kubeRequest: the request may simply be retried.
  return e instanceof Error && (/timed out/.test(e.message) || typeof (e as { code?: unknown }).code === 'string');
}

async function transient<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= TRANSIENT_ATTEMPTS || !isTransient(e)) throw e;
      await sleep(250 * 2 ** (attempt - 1));
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
