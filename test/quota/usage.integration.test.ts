// Usage follows the cluster: deletes and namespace deletion, core ResourceQuotas side by side, charges of requests a
// later admission step denied, and the walkthrough's Deployment.
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { devServingCert } from '@/scripts/lib/atrium';
import {
  applyQuota, deleteQuota, eventually, expectStatus, expectUsage, kubectl, kubectlCreate, kubectlJson, kubectlOk, podManifest, testAccount,
  uniqueName, usageRecord,
} from './support';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

async function setup(prefix: string, quota: object, spaces = 1) {
  const a = await testAccount(prefix, spaces);
  const q = uniqueName('aq');
  cleanups.push(() => deleteQuota(q), () => a.cleanup());
  await applyQuota(q, a.name, quota);
  return { a, q };
}

// charges wait ATRIUM_QUOTA_PENDING_TTL_SECONDS (30 s) for their object before they are released
const RELEASE_TIMEOUT_MS = 60_000;

describe('usage follows deletes', () => {
  it('drops within seconds after a pod is deleted, and a deleted space leaves the status', async () => {
    const { a, q } = await setup('del', { hard: { pods: '10', 'requests.cpu': '10' } }, 2);
    const [s0, s1] = a.spaces as [string, string];
    for (const [ns, n] of [[s0, 'a'], [s0, 'b'], [s0, 'c'], [s1, 'd'], [s1, 'e']] as const) {
      expect((await kubectlCreate(podManifest(n, ns, { requests: { cpu: '500m' } }))).code).toBe(0);
    }
    await expectStatus(q, { pods: '5', 'requests.cpu': '2500m' });
    const started = Date.now();
    await kubectlOk(['-n', s0, 'delete', 'pod', 'a', '--wait=false']);
    await expectUsage(q, { pods: '4', 'requests.cpu': '2' }, 5000);
    expect(Date.now() - started).toBeLessThan(5000);
    // the namespace controller deletes the space's pods (how soon depends on its queue), then the namespace
    await kubectlOk(['delete', 'namespace', s1, '--wait=false']);
    await eventually(async () => (await kubectl(['get', 'namespace', s1])).code !== 0, 'the space to be deleted', 150_000);
    await expectUsage(q, { pods: '2', 'requests.cpu': '1' }, 5000);
    const status = await expectStatus(q, { pods: '2', 'requests.cpu': '1' });
    expect(status.namespaces.map((n: { namespace: string }) => n.namespace)).toEqual([s0]);
    expect(status.total.hard).toEqual({ pods: '10', 'requests.cpu': '10' });
  }, 200_000);
});

describe('with core ResourceQuotas', () => {
  it('both apply; a pod the ResourceQuota denies after the webhook charged it does not leak usage', async () => {
    const { a, q } = await setup('rq', { hard: { pods: '3' } }, 2);
    const [s0, s1] = a.spaces as [string, string];
    const rq = uniqueName('rq');
    await kubectlOk(['-n', s0, 'create', 'quota', rq, '--hard=pods=1']);
    await eventually(async () => (await kubectlJson(['-n', s0, 'get', 'resourcequota', rq])).status?.used?.pods === '0', 'the ResourceQuota to be counted');
    expect((await kubectlCreate(podManifest('one', s0))).code).toBe(0);
    // ResourceQuota admission runs after the validating webhooks: the AccountQuota charged this pod, then it was denied
    const two = await kubectlCreate(podManifest('two', s0));
    expect(two.stderr).toContain(`pods "two" is forbidden: exceeded quota: ${rq}, requested: pods=1, used: pods=1, limited: pods=1`);
    expect(two.stderr).not.toContain('admission webhook');
    expect((await usageRecord(q))?.used.pods).toBe('2');
    await expectUsage(q, { pods: '1' }, RELEASE_TIMEOUT_MS);
    expect((await usageRecord(q))?.charges).toBe(0);
    // and the AccountQuota still limits the account where the ResourceQuota has room
    expect((await kubectlCreate(podManifest('x', s1))).code).toBe(0);
    expect((await kubectlCreate(podManifest('y', s1))).code).toBe(0);
    expect((await kubectlCreate(podManifest('z', s1))).stderr).toContain(`exceeded quota: ${q}, requested: pods=1, used: pods=3, limited: pods=3`);
  }, RELEASE_TIMEOUT_MS + 60_000);
});

describe('a later validating webhook that denies', () => {
  it('leaves no usage behind', async () => {
    const { a, q } = await setup('deny', { hard: { pods: '10' } });
    const ns = a.spaces[0]!;
    const marker = uniqueName('deny');
    await kubectlOk(['label', 'namespace', ns, `atrium-test-deny=${marker}`]);
    const { certFile, keyFile, caPem } = await devServingCert();
    const server = https.createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const review = JSON.parse(body);
        const deny = review.request.object?.metadata?.labels?.['deny-me'] === 'true';
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: review.request.uid, allowed: !deny, status: deny ? { code: 403, message: 'denied by the test policy' } : undefined } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const name = `atrium-test-${marker}`;
    cleanups.push(async () => {
      await kubectl(['delete', 'validatingwebhookconfiguration', name, '--ignore-not-found']);
      server.close();
    });
    await kubectlOk(['apply', '-f', '-'], JSON.stringify({
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name },
      webhooks: [{
        name: 'deny.test.atrium', clientConfig: { url: `https://127.0.0.1:${port}/`, caBundle: Buffer.from(caPem).toString('base64') },
        namespaceSelector: { matchLabels: { 'atrium-test-deny': marker } },
        rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
        admissionReviewVersions: ['v1'], sideEffects: 'None', failurePolicy: 'Ignore', timeoutSeconds: 5,
      }],
    }));
    await eventually(async () => (await kubectlCreate(podManifest('probe-', ns, { labels: { 'deny-me': 'true' } }))).stderr.includes('denied by the test policy'), 'the test webhook to be called');
    for (let i = 0; i < 3; i++) {
      expect((await kubectlCreate(podManifest(`denied-${i}`, ns, { labels: { 'deny-me': 'true' } }))).stderr).toContain('denied by the test policy');
    }
    // the charges are held until their objects are known never to have been created
    expect(Number((await usageRecord(q))?.used.pods)).toBeGreaterThan(0);
    await expectUsage(q, { pods: '0' }, RELEASE_TIMEOUT_MS);
    expect((await kubectlCreate(podManifest('ok-1', ns))).code).toBe(0);
    expect((await kubectlCreate(podManifest('ok-2', ns))).code).toBe(0);
    await expectUsage(q, { pods: '2' });
  }, RELEASE_TIMEOUT_MS + 60_000);
});

describe('the walkthrough', () => {
  it('AccountQuota pods 2, limits.cpu 4 on the account; the nodejs Deployment with limits.cpu 2 scales to 2 pods, not 3', async () => {
    const { a, q } = await setup('node-account', { hard: { pods: '2', 'limits.cpu': '4' } });
    const ns = a.spaces[0]!;
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nodejs', labels: { app: 'nodejs' } },
      spec: {
        replicas: 1, selector: { matchLabels: { app: 'nodejs' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: {
          metadata: { labels: { app: 'nodejs' } },
          spec: { containers: [{ name: 'nodejs', image: 'brentley/ecsdemo-nodejs:latest', imagePullPolicy: 'Always', ports: [{ containerPort: 3000, protocol: 'TCP' }], resources: { requests: { cpu: '1' }, limits: { cpu: '2' } } }] },
        },
      },
    };
    await kubectlOk(['apply', '-f', '-', '-n', ns, '--as=dev'], JSON.stringify(deployment));
    await expectUsage(q, { pods: '1', 'limits.cpu': '2' });
    await kubectlOk(['-n', ns, 'scale', 'deployment', 'nodejs', '--replicas=3', '--as=dev']);
    const rs = await eventually(async () => {
      const items = (await kubectlJson(['-n', ns, 'get', 'replicasets', '-l', 'app=nodejs'])).items;
      const failure = items[0]?.status?.conditions?.find((c: any) => c.type === 'ReplicaFailure');
      return failure && items[0];
    }, 'the ReplicaSet to report the quota', 60_000);
    expect(rs.status.conditions.find((c: any) => c.type === 'ReplicaFailure').message).toContain(
      `admission webhook "accountquota.kiosk.sh" denied the request: pods "${rs.metadata.name}-`,
    );
    expect(rs.status.conditions.find((c: any) => c.type === 'ReplicaFailure').message).toContain(
      `is forbidden: exceeded quota: ${q}, requested: limits.cpu=2,pods=1, used: limits.cpu=4,pods=2, limited: limits.cpu=4,pods=2`,
    );
    const pods = (await kubectlJson(['-n', ns, 'get', 'pods', '-l', 'app=nodejs', '--as=dev'])).items;
    expect(pods).toHaveLength(2);
    await expectStatus(q, { pods: '2', 'limits.cpu': '4' });
  });
});
