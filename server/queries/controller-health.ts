import 'server-only';
import type { Caller } from '@/server/auth/session';
import { env } from '@/server/env';
import { KubeApiError, R, describeKubeError, kubeRequest, leases, resourceClient, resourcePath, selfCan, templateInstances, type KubeObject } from '@/server/kube';
import { healthChecks, overall, type HealthCheck, type HealthFacts, type Level, type Read } from './health-checks';
import { parsePrometheus, sumBy } from './parse-prometheus';

interface ApiServiceObject extends KubeObject {
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}
interface WebhookConfigObject extends KubeObject {
  webhooks?: { name: string; failurePolicy?: string }[];
}
interface DeploymentObject extends KubeObject {
  spec?: { replicas?: number };
  status?: { readyReplicas?: number };
}

const apiServices = resourceClient<ApiServiceObject>(R.apiServices);
const webhookConfigs = resourceClient<WebhookConfigObject>(R.validatingWebhookConfigurations);
const deployments = resourceClient<DeploymentObject>(R.deployments);
const pods = resourceClient(R.pods);

const API_SERVICE = 'v1alpha1.tenancy.kiosk.sh';
const PART_OF = 'app.kubernetes.io/part-of=atrium';
const CONTROLLER = 'atrium-controller';
/** The health page must answer even when the controller does not: its metrics get a short deadline. */
const METRICS_TIMEOUT_MS = 3000;

async function read<T>(f: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (err) {
    if (err instanceof KubeApiError) return { ok: false, message: describeKubeError(err) };
    return { ok: false, message: (err as Error).message };
  }
}

/**
 * The controllers' /metrics, as the person. Through the API server's service proxy
 * (`/api/v1/namespaces/<ns>/services/http:<service>:health/proxy/metrics`), so RBAC's `get services/proxy` decides
 * who sees them and the console needs no network path of its own. A development controller on the host cannot be
 * proxied to (the API server refuses loopback addresses): with ATRIUM_CONTROLLER_METRICS_URL set, the console asks
 * the same RBAC question as the person and, if allowed, reads that URL itself.
 */
async function controllerMetrics(caller: Caller): Promise<HealthFacts['metrics']> {
  const e = env();
  const ns = e.ATRIUM_NAMESPACE;
  const service = e.ATRIUM_CONTROLLER_METRICS_SERVICE;
  let text: string;
  let source: string;
  try {
    if (e.ATRIUM_CONTROLLER_METRICS_URL) {
      const [allowed] = await selfCan(caller.as, [{ verb: 'get', group: '', resource: 'services', subresource: 'proxy', name: service, namespace: ns }]);
      if (!allowed) return { ok: false, message: `You may not read the controller's metrics: RBAC does not let you get services/proxy ${service} in namespace ${ns}.` };
      const res = await fetch(e.ATRIUM_CONTROLLER_METRICS_URL, { signal: AbortSignal.timeout(METRICS_TIMEOUT_MS) });
      if (!res.ok) return { ok: false, message: `The controller answered ${res.status} on ${e.ATRIUM_CONTROLLER_METRICS_URL}.` };
      text = await res.text();
      source = `${e.ATRIUM_CONTROLLER_METRICS_URL} (development host)`;
    } else {
      const path = `${resourcePath(R.services, { namespace: ns, name: `http:${service}:health` })}/proxy/metrics`;
      text = await kubeRequest<string>({ path, as: caller.as, responseType: 'text', timeoutMs: METRICS_TIMEOUT_MS });
      source = `the service proxy of ${ns}/${service} (one replica per read)`;
    }
  } catch (err) {
    const message = err instanceof KubeApiError ? describeKubeError(err) : (err as Error).message;
    return { ok: false, message: `${message}${err instanceof KubeApiError && err.code === 503 ? ` Is the ${service} Service installed (Helm chart) with ready replicas?` : ''}` };
  }
  const samples = parsePrometheus(text);
  return {
    ok: true,
    value: {
      reconcileErrors: [...sumBy(samples, 'atrium_reconcile_total', { result: 'error' }, 'controller')].sort(),
      drift: [...sumBy(samples, 'atrium_accountquota_drift_total', {}, 'quota')].sort(),
      queueDepth: sumBy(samples, 'atrium_workqueue_depth').get('') ?? 0,
      source,
    },
  };
}

export type ControllerHealth = { ok: true; checks: HealthCheck[]; overall: Level; readAt: number } | { ok: false; forbidden: boolean; message: string };

/**
 * The Health page, read entirely as the person: the APIService, Atrium's webhook configurations, the leader
 * Lease, the controller Deployment and its pods, every TemplateInstance, and the controllers' metrics, in parallel. A person who may not
 * read the APIService (every tenant) gets the cluster's Forbidden and nothing else.
 */
export async function controllerHealth(caller: Caller): Promise<ControllerHealth> {
  const ns = env().ATRIUM_NAMESPACE;
  const [apiService, webhooks, lease, deployment, podNames, instances, metrics] = await Promise.all([
    read(() => apiServices.get(API_SERVICE, undefined, caller.as)),
    read(() => webhookConfigs.list({ labelSelector: PART_OF, as: caller.as })),
    read(() => leases.get(env().ATRIUM_LEASE_NAME, ns, caller.as)),
    read(() => deployments.get(CONTROLLER, ns, caller.as)),
    read(() => pods.list({ namespace: ns, as: caller.as })),
    read(() => templateInstances.list({ as: caller.as })),
    controllerMetrics(caller),
  ]);
  if (!apiService.ok && /forbidden/i.test(apiService.message)) return { ok: false, forbidden: true, message: apiService.message };

  const facts: HealthFacts = {
    now: Date.now(),
    apiService: apiService.ok
      ? {
          ok: true,
          value: apiService.value && (() => {
            const c = apiService.value.status?.conditions?.find((x) => x.type === 'Available');
            return { available: c?.status === 'True', reason: c?.reason, message: c?.message };
          })(),
        }
      : apiService,
    webhooks: webhooks.ok ? { ok: true, value: webhooks.value.items.map((w) => ({ name: w.metadata.name ?? '', webhooks: w.webhooks?.length ?? 0, failurePolicy: [...new Set((w.webhooks ?? []).map((x) => x.failurePolicy ?? 'Fail'))].join('/') })) } : webhooks,
    lease: lease.ok ? { ok: true, value: lease.value && { holder: lease.value.spec.holderIdentity, renewTime: lease.value.spec.renewTime, durationSeconds: lease.value.spec.leaseDurationSeconds, transitions: lease.value.spec.leaseTransitions } } : lease,
    deployment: deployment.ok
      ? { ok: true, value: deployment.value && { desired: deployment.value.spec?.replicas ?? 1, ready: deployment.value.status?.readyReplicas ?? 0, pods: podNames.ok ? podNames.value.items.map((p) => p.metadata.name ?? '').filter((n) => n.startsWith(`${CONTROLLER}-`)) : [] } }
      : deployment,
    templateInstances: instances.ok
      ? {
          ok: true,
          value: {
            total: instances.value.items.length,
            failed: instances.value.items
              .filter((ti) => ti.status?.status === 'Failed')
              .map((ti) => ({ at: `${ti.metadata.namespace}/${ti.metadata.name}`, why: `${ti.status?.reason ?? 'Failed'}${ti.status?.message ? ` — ${ti.status.message}` : ''}` })),
          },
        }
      : instances,
    metrics,
  };
  const checks = healthChecks(facts);
  return { ok: true, checks, overall: overall(checks), readAt: facts.now };
}
