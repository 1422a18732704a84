import { apiVersionOf, resourcePath, type ResourceRef } from './resources';
import { isNotFound, kubeRequest, type ActAs } from './request';

/** The envelope every Kubernetes object shares. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: OwnerReference[];
    creationTimestamp?: string;
    deletionTimestamp?: string;
    finalizers?: string[];
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  as?: ActAs;
}

/** Typed CRUD on one resource. Every call may act as a person (`as`). */
export function resourceClient<T extends KubeObject>(r: ResourceRef) {
  return {
    ref: r,
    async get(name: string, namespace?: string, as?: ActAs): Promise<T | undefined> {
      try {
        return await kubeRequest<T>({ path: resourcePath(r, { namespace, name }), as });
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    },
    async list(opts: ListOptions = {}): Promise<{ items: T[]; metadata: { resourceVersion?: string } }> {
      return kubeRequest({ path: resourcePath(r, { namespace: opts.namespace }), query: { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector }, as: opts.as });
    },
    create(obj: T, as?: ActAs, dryRun = false): Promise<T> {
      return kubeRequest<T>({ method: 'POST', path: resourcePath(r, { namespace: obj.metadata.namespace }), body: obj, as, query: { dryRun: dryRun ? 'All' : undefined } });
    },
    /** Full replace; fails with 409 when metadata.resourceVersion is stale (optimistic concurrency). */
    update(obj: T, as?: ActAs): Promise<T> {
      return kubeRequest<T>({ method: 'PUT', path: resourcePath(r, { namespace: obj.metadata.namespace, name: obj.metadata.name }), body: obj, as });
    },
    updateStatus(obj: T, as?: ActAs): Promise<T> {
      return kubeRequest<T>({ method: 'PUT', path: resourcePath(r, { namespace: obj.metadata.namespace, name: obj.metadata.name, subresource: 'status' }), body: obj, as });
    },
    patch(name: string, patch: unknown, opts: { namespace?: string; as?: ActAs; type?: 'merge' | 'json'; subresource?: string; dryRun?: boolean } = {}): Promise<T> {
      return kubeRequest<T>({
        method: 'PATCH', path: resourcePath(r, { namespace: opts.namespace, name, subresource: opts.subresource }), body: patch, as: opts.as,
        query: { dryRun: opts.dryRun ? 'All' : undefined },
        contentType: opts.type === 'json' ? 'application/json-patch+json' : 'application/merge-patch+json',
      });
    },
    /**
     * Deletes; a missing object is not an error (deletion is idempotent). With `resourceVersion` the API server
     * refuses (409) when the object changed since it was read.
     */
    async delete(name: string, namespace?: string, opts: { as?: ActAs; propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; uid?: string; resourceVersion?: string } = {}): Promise<boolean> {
      try {
        await kubeRequest({
          method: 'DELETE', path: resourcePath(r, { namespace, name }), as: opts.as,
          body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: opts.propagationPolicy ?? 'Background', ...(opts.uid || opts.resourceVersion ? { preconditions: { uid: opts.uid, resourceVersion: opts.resourceVersion } } : {}) },
        });
        return true;
      } catch (e) {
        if (isNotFound(e)) return false;
        throw e;
      }
    },
  };
}

/** An owner reference pointing at obj (which must have been read back from the API: it needs a uid). */
export function ownerRef(r: ResourceRef, kind: string, obj: KubeObject, controller = true): OwnerReference {
  return { apiVersion: apiVersionOf(r), kind, name: obj.metadata.name!, uid: obj.metadata.uid!, controller, blockOwnerDeletion: false };
}
