import { ListWatch, Watch, type KubernetesListObject, type KubernetesObject } from '@kubernetes/client-node';
import { serviceKubeConfig } from './config';
import type { ObjectCache } from './informer';
import type { KubeObject } from './objects';
import { kubeRequest } from './request';
import { resourcePath, type ResourceRef } from './resources';

/**
 * Like createCache, but narrowed to one namespace and/or a field selector, for
 * when Atrium needs one object it may not list cluster-wide (the
 * extension-apiserver-authentication ConfigMap in kube-system, for one).
 */
export function createScopedCache<T extends KubeObject>(
  r: ResourceRef,
  opts: { namespace?: string; labelSelector?: string; fieldSelector?: string; onError?: (err: unknown) => void },
): ObjectCache<T> {
  const path = resourcePath(r, { namespace: opts.namespace });
  const listFn = () => kubeRequest<KubernetesListObject<KubernetesObject>>({ path, query: { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector } });
  const lw = new ListWatch<KubernetesObject>(path, new Watch(serviceKubeConfig()), listFn, false, opts.labelSelector, opts.fieldSelector);
  let synced = false;
  let stopped = false;
  let delay = 1000;
  // ListWatch gives up on any non-410 error; restart it with back-off.
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
