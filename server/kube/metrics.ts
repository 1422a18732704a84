import { Counter, Registry } from 'prom-client';

/** Metrics of every call server/kube makes, for whichever process (console or controller) serves a registry. */
export const kubeClientRegistry = new Registry();

const requests = new Counter({
  name: 'atrium_kube_requests_total',
  help: 'Kubernetes API requests made through server/kube, by verb, resource, status code and whose credential',
  labelNames: ['verb', 'resource', 'code', 'as'],
  registers: [kubeClientRegistry],
});

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
