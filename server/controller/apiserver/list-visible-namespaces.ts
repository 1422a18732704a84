import { kubeRequest, type NamespaceObject } from '@/server/kube';
import { isVisible, type Visibility } from './namespace-access';
import { fromKubeError } from './status-errors';

const NAMESPACES = '/api/v1/namespaces';
// The API server sets this label on every namespace to its name (immutable).
const NAME_LABEL = 'kubernetes.io/metadata.name';
// Above this many names the selector would make a URL of tens of kilobytes; the whole list is filtered instead.
const MAX_SELECTOR_NAMES = 1000;
// Per-namespace reviews of one list run this many at a time.
const REVIEW_CONCURRENCY = 16;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface NamespaceList {
  items: NamespaceObject[];
  metadata: { resourceVersion?: string; continue?: string };
}

/**
 * The label selector that narrows a namespace list to these names, joined to
 * the caller's own selector; undefined when the names are too many to send.
 * Names that cannot be namespaces (an RBAC resourceName may be anything) are left out.
 */
export function namesSelector(names: ReadonlySet<string>, callerSelector: string | undefined): string | undefined {
  const valid = [...names].filter((n) => n.length <= 63 && DNS_LABEL.test(n)).sort();
  if (valid.length > MAX_SELECTOR_NAMES) return undefined;
  // No name: a requirement no namespace meets, so the list is still answered (with its resourceVersion) by the API server.
  const ours = valid.length ? `${NAME_LABEL} in (${valid.join(',')})` : `!${NAME_LABEL}`;
  return callerSelector ? `${callerSelector},${ours}` : ours;
}

/** Whether two visibilities select the same namespaces without reviews. */
export function sameSelection(a: Visibility, b: Visibility): boolean {
  return !a.all && !b.all && !a.review && !b.review && a.names.size === b.names.size && [...a.names].every((n) => b.names.has(n));
}

/**
 * Lists the namespaces a caller may see, read through to the API server (a
 * consistent read from its watch cache, so a list right after a create shows
 * it). A caller who sees a few of many namespaces has them selected by name
 * there — 100 of 10,000 namespaces cost the API server a filtered scan and
 * us 100 objects, not 10,000 decoded and dropped. `limit` and `continue` pass
 * through: pages are the API server's.
 */
export async function listVisibleNamespaces(v: Visibility, query: Record<string, string | undefined>): Promise<NamespaceList> {
  const selector = v.all || v.review ? undefined : namesSelector(v.names, query.labelSelector);
  const upstream = await kubeRequest<NamespaceList>({ path: NAMESPACES, query: selector ? { ...query, labelSelector: selector } : query })
    .catch((e) => { throw fromKubeError(e, 'spaces'); });
  let items = upstream.items;
  if (!v.all && !v.review) items = items.filter((ns) => v.names.has(ns.metadata.name ?? ''));
  else if (v.review) {
    const keep = new Array<boolean>(items.length);
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(REVIEW_CONCURRENCY, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) keep[i] = await isVisible(v, items[i]!.metadata.name ?? '');
    }));
    items = items.filter((_, i) => keep[i]);
  }
  return { items, metadata: { resourceVersion: upstream.metadata.resourceVersion, ...(upstream.metadata.continue ? { continue: upstream.metadata.continue } : {}) } };
}
