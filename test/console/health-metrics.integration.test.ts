import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Caller } from '@/server/auth/session';
import { controllerHealth } from '@/server/queries/controller-health';
import { controllerPorts } from '@/scripts/lib/atrium';
import { kubectlOk, uniqueName } from '@/test/support/kubectl';

// The Health page's development path: with the controller on the host the API server cannot proxy to it, so the
// console reads ATRIUM_CONTROLLER_METRICS_URL itself, but only after asking, as the person, whether they may
// `get services/proxy` on the metrics Service. These tests put a counting pass-through in front of the real
// controller's /metrics, to see not only what the person is shown but whether the controller was asked at all.

const id = uniqueName('health-metrics');
const reader = `${id}-reader`;
const oncall = `${id}-oncall`;
const as = (user: string): Caller => ({ person: { username: user, groups: [], via: 'oidc' }, as: { user, groups: ['system:authenticated'] } });

let hits = 0;
let relay: http.Server;

beforeAll(async () => {
  relay = http.createServer((req, res) => {
    hits++;
    fetch(`http://127.0.0.1:${controllerPorts.health}${req.url}`).then(
      async (r) => res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'text/plain' }).end(await r.text()),
      () => res.writeHead(502).end(),
    );
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  vi.stubEnv('ATRIUM_CONTROLLER_METRICS_URL', `http://127.0.0.1:${(relay.address() as AddressInfo).port}/metrics`);

  // Both may see the cluster's health (the APIService); only the on-call admin may read the controller's metrics.
  await kubectlOk(['create', 'clusterrole', `${id}-health`, '--verb=get', '--resource=apiservices.apiregistration.k8s.io']);
  await kubectlOk(['create', 'clusterrolebinding', `${id}-health`, `--clusterrole=${id}-health`, `--user=${reader}`, `--user=${oncall}`]);
  await kubectlOk(['-n', 'kiosk', 'create', 'role', `${id}-metrics`, '--verb=get', '--resource=services/proxy', '--resource-name=atrium-controller-metrics']);
  await kubectlOk(['-n', 'kiosk', 'create', 'rolebinding', `${id}-metrics`, `--role=${id}-metrics`, `--user=${oncall}`]);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => relay?.close(resolve));
  await kubectlOk(['delete', 'clusterrolebinding,clusterrole', `${id}-health`, '--ignore-not-found']);
  await kubectlOk(['-n', 'kiosk', 'delete', 'rolebinding,role', `${id}-metrics`, '--ignore-not-found']);
});

const metricsChecks = async (caller: Caller) => {
  const health = await controllerHealth(caller);
  if (!health.ok) throw new Error(`health not shown: ${health.message}`);
  return health.checks.filter((c) => c.id === 'reconcile-errors' || c.id === 'quota-drift');
};

describe('controller metrics on the Health page (development: read directly after a services/proxy check)', () => {
  it('a person without services/proxy on the metrics Service sees why, and the controller is never asked', async () => {
    const before = hits;
    const checks = await metricsChecks(as(reader));
    expect(checks).toHaveLength(2);
    for (const c of checks) {
      expect(c.level).toBe('unknown');
      expect(c.detail).toBe(`You may not read the controller's metrics: RBAC does not let you get services/proxy atrium-controller-metrics in namespace kiosk.`);
      expect(c.items ?? []).toEqual([]);
    }
    expect(hits - before).toBe(0);
  });

  it('a person with it gets the controller\'s own figures, read from the configured URL', async () => {
    const before = hits;
    const [errors, drift] = await metricsChecks(as(oncall));
    expect(hits - before).toBe(1);
    expect(errors!.level).not.toBe('unknown');
    expect(errors!.detail).toMatch(/Work queue: \d+ waiting\. Read from http:\/\/127\.0\.0\.1:\d+\/metrics \(development host\)\./);
    expect(drift!.level).not.toBe('unknown');
  });

  it('a grant for another Service is not enough: the question names the metrics Service', async () => {
    const other = `${id}-other`;
    await kubectlOk(['-n', 'kiosk', 'create', 'role', `${id}-other`, '--verb=get', '--resource=services/proxy', '--resource-name=something-else']);
    await kubectlOk(['-n', 'kiosk', 'create', 'rolebinding', `${id}-other`, `--role=${id}-other`, `--user=${other}`]);
    await kubectlOk(['create', 'clusterrolebinding', `${id}-other`, `--clusterrole=${id}-health`, `--user=${other}`]);
    try {
      const before = hits;
      const checks = await metricsChecks(as(other));
      expect(checks.map((c) => c.level)).toEqual(['unknown', 'unknown']);
      expect(hits - before).toBe(0);
    } finally {
      await kubectlOk(['-n', 'kiosk', 'delete', 'rolebinding,role', `${id}-other`, '--ignore-not-found']);
      await kubectlOk(['delete', 'clusterrolebinding', `${id}-other`, '--ignore-not-found']);
    }
  });
});
