import { KubeApiError, R, createCache, kubeRequest, type KubeObject, type ObjectCache, type ResourceRef } from '@/server/kube';
import { countedView, type QuotaObject } from '@/server/tenancy/quota';
import type { Caches } from '../caches';
import type { Logger } from '../runtime/logger';

export const servicesRef: ResourceRef = { group: '', version: 'v1', plural: 'services', namespaced: true };
export const persistentVolumeClaimsRef: ResourceRef = { group: '', version: 'v1', plural: 'persistentvolumeclaims', namespaced: true };

type Handler = (groupResource: string, event: 'add' | 'update' | 'delete', obj: KubeObject) => void;

interface Entry {
  ref?: ResourceRef;
  cache?: ObjectCache<KubeObject>;
  /** the API server does not serve it (yet): nothing of it can exist */
  missingSince?: number;
}

const REDISCOVER_MS = 30_000;

/**
 * Informers for what AccountQuotas count: pods, services and claims from the shared caches, and, started when a
 * quota first names `count/<resource>.<group>`, one per such resource (its version found by discovery).
 */
export class ObjectCaches {
  private readonly dynamic = new Map<string, Entry>();

  constructor(private readonly caches: Caches, private readonly onEvent: Handler, private readonly log: Logger) {
    const wire = (gr: string, cache: ObjectCache<KubeObject>) => cache.on((event, obj) => onEvent(gr, event, obj));
    wire('pods', caches.pods);
    wire('services', caches.services);
    wire('persistentvolumeclaims', caches.persistentVolumeClaims);
  }

  /**
   * The cache of a group resource once it is synced; `[]`-like empty when the API server does not serve the resource
   * (then no such object can exist); undefined while it is still starting.
   */
  get(groupResource: string): Pick<ObjectCache<KubeObject>, 'list' | 'get'> | undefined {
    const shared = this.shared(groupResource);
    if (shared) return shared.synced ? shared : undefined;
    const e = this.dynamic.get(groupResource);
    if (!e) {
      void this.start(groupResource);
      return undefined;
    }
    if (e.missingSince !== undefined) {
      if (Date.now() - e.missingSince > REDISCOVER_MS) {
        this.dynamic.delete(groupResource);
        void this.start(groupResource);
      }
      return EMPTY;
    }
    return e.cache?.synced ? e.cache : undefined;
  }

  /** The resource of a group resource, for reading single objects. */
  refOf(groupResource: string): ResourceRef | undefined {
    if (groupResource === 'pods') return R.pods;
    if (groupResource === 'services') return servicesRef;
    if (groupResource === 'persistentvolumeclaims') return persistentVolumeClaimsRef;
    return this.dynamic.get(groupResource)?.ref;
  }

  async stop(): Promise<void> {
    const entries = [...this.dynamic.values()];
    this.dynamic.clear();
    await Promise.all(entries.map((e) => e.cache?.stop()));
  }

  private shared(groupResource: string): ObjectCache<KubeObject> | undefined {
    if (groupResource === 'pods') return this.caches.pods;
    if (groupResource === 'services') return this.caches.services;
    if (groupResource === 'persistentvolumeclaims') return this.caches.persistentVolumeClaims;
    return undefined;
  }

  private async start(groupResource: string): Promise<void> {
    const entry: Entry = {};
    this.dynamic.set(groupResource, entry);
    try {
      const ref = await discover(groupResource);
      if (!ref) {
        entry.missingSince = Date.now();
        this.log.warn('an AccountQuota counts a resource the API server does not serve; counting none', { resource: groupResource });
        return;
      }
      entry.ref = ref;
      entry.cache = createCache<KubeObject>(ref, {
        onError: (err) => this.log.warn('watch failed, restarting', { resource: groupResource, error: String(err) }),
        // `count/<resource>` counts objects: only their identity is kept.
        transform: (o) => countedView(o as QuotaObject) as KubeObject,
      });
      entry.cache.on((event, obj) => this.onEvent(groupResource, event, obj));
      await entry.cache.start();
    } catch (err) {
      this.log.warn('could not watch a counted resource; retrying', { resource: groupResource, error: String(err) });
      this.dynamic.delete(groupResource);
    }
  }
}

const EMPTY: Pick<ObjectCache<KubeObject>, 'list' | 'get'> = { list: () => [], get: () => undefined };

/** `deployments.apps` → the namespaced resource in the group's preferred version; undefined when not served. */
async function discover(groupResource: string): Promise<ResourceRef | undefined> {
  const dot = groupResource.indexOf('.');
  const [plural, group] = dot < 0 ? [groupResource, ''] : [groupResource.slice(0, dot), groupResource.slice(dot + 1)];
  try {
    const version = group ? (await kubeRequest<{ preferredVersion?: { version: string } }>({ path: `/apis/${group}` })).preferredVersion?.version : 'v1';
    if (!version) return undefined;
    const list = await kubeRequest<{ resources?: { name: string; namespaced: boolean }[] }>({ path: group ? `/apis/${group}/${version}` : '/api/v1' });
    const found = list.resources?.find((r) => r.name === plural && r.namespaced);
    return found ? { group, version, plural, namespaced: true } : undefined;
  } catch (e) {
    if (e instanceof KubeApiError && e.code === 404) return undefined;
    throw e;
  }
}
