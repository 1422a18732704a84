import { ListWatch, Watch, type KubernetesListObject, type KubernetesObject } from '@kubernetes/client-node';
import { serviceKubeConfig } from './config';
import type { KubeObject } from './objects';
import { kubeRequest } from './request';
import { resourcePath, type ResourceRef } from './resources';

export type CacheEvent = 'add' | 'update' | 'delete';

/** A watched, in-memory copy of one resource, kept current by list+watch. */
export interface ObjectCache<T extends KubeObject> {
  get(name: string, namespace?: string): T | undefined;
  list(namespace?: string): readonly T[];
  on(handler: (event: CacheEvent, obj: T) => void): void;
  /** Resolves once the initial list is in and the watch is open. */
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly synced: boolean;
}

export interface CacheOptions<T extends KubeObject> {
  labelSelector?: string;
  fieldSelector?: string;
  namespace?: string;
  onError?: (err: unknown) => void;
  /**
   * Keeps only what readers of the cache need (client-go's SetTransform): every
   * listed and watched object passes through it before it is stored or handed
   * to handlers. It must keep metadata.name, namespace and resourceVersion.
   */
  transform?: (obj: T) => T;
}

/** A watch whose objects are transformed before the ListWatch stores them; BOOKMARK and ERROR objects pass unchanged. */
class TransformingWatch extends Watch {
  constructor(
    config: ConstructorParameters<typeof Watch>[0],
    private readonly transform: (obj: KubeObject) => KubeObject,
  ) {
    super(config);
  }

  override watch(...[path, query, callback, done]: Parameters<Watch['watch']>): ReturnType<Watch['watch']> {
    return super.watch(path, query, (phase, obj, raw) => callback(phase, phase === 'ADDED' || phase === 'MODIFIED' || phase === 'DELETED' ? this.transform(obj) : obj, raw), done);
  }
}

/**
 * Informer over one resource, optionally narrowed to one namespace and/or by
 * selectors (e.g. one ConfigMap Atrium may not list cluster-wide). Wraps
 * client-node's ListWatch and restarts it with back-off after errors
 * (ListWatch stops on any non-410 error).
 */
export function createCache<T extends KubeObject>(
  r: ResourceRef,
  opts: CacheOptions<T> = {},
): ObjectCache<T> {
  const path = resourcePath(r, { namespace: opts.namespace });
  const transform = opts.transform;
  const listFn = async () => {
    const list = await kubeRequest<KubernetesListObject<KubernetesObject>>({ path, query: { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector } });
    if (transform) list.items = list.items.map((o) => transform(o as unknown as T) as unknown as KubernetesObject);
    return list;
  };
  const watch = transform ? new TransformingWatch(serviceKubeConfig(), transform as unknown as (o: KubeObject) => KubeObject) : new Watch(serviceKubeConfig());
  const lw = new ListWatch<KubernetesObject>(path, watch, listFn, false, opts.labelSelector, opts.fieldSelector);
  let synced = false;
  let stopped = false;
  let delay = 1000;
  const restart = async (err: unknown) => {
    opts.onError?.(err);
    if (stopped) return;
    await new Promise((res) => setTimeout(res, delay));
    delay = Math.min(delay * 2, 30_000);
    if (!stopped) lw.start().then(() => (delay = 1000), restart);
  };
  lw.on('error', restart);
  return {
    get: (name, namespace) => lw.get(name, namespace) as T | undefined,
    list: (namespace) => lw.list(namespace) as unknown as readonly T[],
    on(handler) {
      lw.on('add', (o) => handler('add', o as T));
      lw.on('update', (o) => handler('update', o as T));
      lw.on('delete', (o) => handler('delete', o as T));
    },
    async start() {
      await lw.start();
      synced = true;
    },
    async stop() {
      stopped = true;
      await lw.stop();
    },
    get synced() {
      return synced;
    },
  };
}
