import { GROUP, VERSION, type TenancyResource } from './status-errors';

/** What a request asks for, from its method and path. */
export type ApiRequest =
  | { type: 'health' }
  | { type: 'discovery'; doc: 'apis' | 'group' | 'version' }
  | { type: 'openapi'; doc: 'v2' | 'v3' | 'v3-group-version' }
  | { type: 'resource'; resource: TenancyResource; name?: string; verb: string }
  | { type: 'unknown' };

const RESOURCES: readonly string[] = ['spaces', 'accounts'];
const truthy = (v: string | null) => v === 'true' || v === '1';

/**
 * Classifies a request like upstream's RequestInfoFactory, for the paths
 * this server answers: the verb of a resource request (GET on a collection
 * is list, or watch with ?watch=true; the old /watch/ prefix too), discovery
 * and OpenAPI documents, health probes.
 */
export function parseApiRequest(method: string, path: string, query: URLSearchParams): ApiRequest {
  if (path === '/healthz' || path === '/livez' || path === '/readyz' || path.startsWith('/healthz/') || path.startsWith('/livez/') || path.startsWith('/readyz/')) return { type: 'health' };
  if (path === '/openapi/v2') return { type: 'openapi', doc: 'v2' };
  if (path === '/openapi/v3') return { type: 'openapi', doc: 'v3' };
  if (path === `/openapi/v3/apis/${GROUP}/${VERSION}`) return { type: 'openapi', doc: 'v3-group-version' };
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '/apis') return { type: 'discovery', doc: 'apis' };
  if (trimmed === `/apis/${GROUP}`) return { type: 'discovery', doc: 'group' };
  const base = `/apis/${GROUP}/${VERSION}`;
  if (trimmed === base) return { type: 'discovery', doc: 'version' };
  if (!trimmed.startsWith(`${base}/`)) return { type: 'unknown' };
  let parts: string[];
  try {
    parts = trimmed.slice(base.length + 1).split('/').map(decodeURIComponent);
  } catch {
    return { type: 'unknown' };
  }
  let watch = truthy(query.get('watch'));
  if (parts[0] === 'watch') {
    watch = true;
    parts = parts.slice(1);
  }
  const [resource, name, ...rest] = parts;
  if (!resource || !RESOURCES.includes(resource) || rest.length > 0 || name === '') return { type: 'unknown' };
  const r = resource as TenancyResource;
  switch (method) {
    case 'GET':
      return { type: 'resource', resource: r, name, verb: watch ? 'watch' : name ? 'get' : 'list' };
    case 'POST':
      return { type: 'resource', resource: r, name, verb: name ? 'create-named' : 'create' };
    case 'PUT':
      return { type: 'resource', resource: r, name, verb: name ? 'update' : 'update-collection' };
    case 'PATCH':
      return { type: 'resource', resource: r, name, verb: name ? 'patch' : 'patch-collection' };
    case 'DELETE':
      return { type: 'resource', resource: r, name, verb: name ? 'delete' : 'deletecollection' };
    default:
      return { type: 'resource', resource: r, name, verb: method.toLowerCase() };
  }
}
