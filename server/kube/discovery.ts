import { KubeApiError, kubeRequest } from './request';
import type { ResourceRef } from './resources';

/** A kind the API server does not serve (or an apiVersion that cannot be one). Permanent until the API changes. */
export class UnknownKindError extends Error {
  constructor(
    readonly apiVersion: string,
    readonly kind: string,
    detail: string,
  ) {
    super(`no resource for kind ${kind} in apiVersion ${apiVersion}: ${detail}`);
    this.name = 'UnknownKindError';
  }
}

interface APIResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

interface GroupVersionEntry {
  /** kind → resource; undefined when the API server does not serve the group version. */
  kinds: Map<string, ResourceRef> | undefined;
  fetchedAt: number;
}

// Discovery answers change only when CRDs or aggregated APIs come and go, so they are cached per group version and
// fetched again only on a miss — at most once a second per group version, so a template naming a missing kind
// cannot turn every retry into a discovery storm.
const MIN_REFRESH_MS = 1000;
const cache = new Map<string, GroupVersionEntry>();
const inflight = new Map<string, Promise<GroupVersionEntry>>();

/** Splits `apps/v1` into group and version (`v1` is the core group ''); undefined when it is not an apiVersion. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } | undefined {
  const parts = apiVersion.split('/');
  if (parts.length === 1 && parts[0]) return { group: '', version: parts[0] };
  if (parts.length === 2 && parts[0] && parts[1]) return { group: parts[0], version: parts[1] };
  return undefined;
}

/**
 * The REST resource (plural, scope) that serves `kind` in `apiVersion`, from the API server's discovery documents.
 * Cached; a miss refreshes that group version once, so CRDs installed after start are found.
 * @throws UnknownKindError when the group version is not served or has no such kind; other errors are transient.
 */
export async function discoverResource(apiVersion: string, kind: string): Promise<ResourceRef> {
  const gv = parseApiVersion(apiVersion);
  if (!gv) throw new UnknownKindError(apiVersion, kind, 'apiVersion must be <version> or <group>/<version>');
  let entry = cache.get(apiVersion);
  let found = entry?.kinds?.get(kind);
  if (found) return found;
  if (!entry || Date.now() - entry.fetchedAt >= MIN_REFRESH_MS) {
    entry = await fetchGroupVersion(apiVersion, gv);
    found = entry.kinds?.get(kind);
    if (found) return found;
  }
  throw new UnknownKindError(
    apiVersion,
    kind,
    entry.kinds ? `the API server serves no kind ${kind} in ${apiVersion} (check the spelling, or install its CRD)` : `the API server does not serve ${apiVersion}`,
  );
}

/** Drops every cached discovery answer (tests; a controller that saw APIs change). */
export function forgetDiscovery(): void {
  cache.clear();
}

function fetchGroupVersion(apiVersion: string, gv: { group: string; version: string }): Promise<GroupVersionEntry> {
  let pending = inflight.get(apiVersion);
  if (!pending) {
    pending = load(gv)
      .then((kinds) => {
        const entry = { kinds, fetchedAt: Date.now() };
        cache.set(apiVersion, entry);
        return entry;
      })
      .finally(() => inflight.delete(apiVersion));
    inflight.set(apiVersion, pending);
  }
  return pending;
}

async function load(gv: { group: string; version: string }): Promise<Map<string, ResourceRef> | undefined> {
  const path = gv.group ? `/apis/${gv.group}/${gv.version}` : `/api/${gv.version}`;
  let list: APIResourceList;
  try {
    list = await kubeRequest<APIResourceList>({ path });
  } catch (e) {
    if (e instanceof KubeApiError && e.code === 404) return undefined;
    throw e;
  }
  const kinds = new Map<string, ResourceRef>();
  for (const r of list.resources ?? []) {
    // Subresources (pods/status) share their parent's kind; only the top-level resource is the object's home.
    if (r.name.includes('/') || kinds.has(r.kind)) continue;
    kinds.set(r.kind, { group: gv.group, version: gv.version, plural: r.name, namespaced: r.namespaced });
  }
  return kinds;
}
