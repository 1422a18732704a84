import { Counter, Registry } from 'prom-client';

// One registry per process, kept on globalThis: Next.js bundles pages and route handlers separately, and a
// module-level registry would give /api/metrics its own empty copy instead of the one the pages count into.
const holder = globalThis as typeof globalThis & { __atriumKubeClientMetrics?: { registry: Registry; requests: Counter<'verb' | 'resource' | 'code' | 'as'> } };
holder.__atriumKubeClientMetrics ??= (() => {
  const registry = new Registry();
  const requests = new Counter({
    name: 'atrium_kube_requests_total',
    help: 'Kubernetes API requests made through server/kube, by verb, resource, status code and whose credential',
    labelNames: ['verb', 'resource', 'code', 'as'],
    registers: [registry],
  });
  return { registry, requests };
})();

/** Metrics of every call server/kube makes, for whichever process (console or controller) serves a registry. */
export const kubeClientRegistry = holder.__atriumKubeClientMetrics.registry;
const requests = holder.__atriumKubeClientMetrics.requests;

/**
 * The resource a REST path names (`pods`, `spaces.tenancy.kiosk.sh`, `selfsubjectreviews.authentication.k8s.io`),
 * so the label stays low-cardinality: object and namespace names are dropped.
 */
export function resourceOfPath(path: string): string {
  const parts = path.split('?')[0]!.split('/').filter(Boolean);
  const core = parts[0] === 'api';
  const group = core ? '' : parts[1] ?? '';
  let rest = parts.slice(core ? 2 : 3);
  if (rest[0] === 'namespaces' && rest.length > 2) rest = rest.slice(2);
  const plural = rest[0] ?? (parts[0] ?? '');
  return group ? `${plural}.${group}` : plural;
}

export function countKubeRequest(method: string, path: string, code: number, as: 'own' | 'person'): void {
  requests.inc({ verb: method, resource: resourceOfPath(path), code: String(code), as });
}
