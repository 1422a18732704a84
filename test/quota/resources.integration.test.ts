// AccountQuota enforcement per resource kind, with upstream's messages, through the real API server and kubectl.
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyQuota, deleteQuota, eventually, expectStatus, expectUsage, kubectl, kubectlCreate, kubectlOk, podManifest, testAccount, uniqueName,
  usageRecord, type TestAccount,
} from './support';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

async function setup(prefix: string, quota: object, spaces = 1): Promise<{ a: TestAccount; q: string }> {
  const a = await testAccount(prefix, spaces);
  const q = uniqueName('aq');
  cleanups.push(() => deleteQuota(q), () => a.cleanup());
  await applyQuota(q, a.name, quota);
  return { a, q };
}

const webhookDenial = (what: string, reason: string) => `admission webhook "accountquota.kiosk.sh" denied the request: ${what} is forbidden: ${reason}`;

describe('pods', () => {
  it('the walkthrough quota: pods and limits.cpu summed over spaces, must specify, exceeded', async () => {
    const { a, q } = await setup('pods', { hard: { pods: '2', 'limits.cpu': '4' } }, 2);
    const [s0, s1] = a.spaces as [string, string];
    const unlimited = await kubectlCreate(podManifest('nolimit', s0), '--as=dev');
    expect(unlimited.stderr).toContain(webhookDenial('pods "nolimit"', `failed quota: ${q}: must specify limits.cpu for: app`));
    expect((await kubectlCreate(podManifest('web-1', s0, { limits: { cpu: '2' } }), '--as=dev')).code).toBe(0);
    expect((await kubectlCreate(podManifest('web-2', s1, { limits: { cpu: '2' } }), '--as=dev')).code).toBe(0);
    const third = await kubectlCreate(podManifest('web-3', s1, { limits: { cpu: '2' } }), '--as=dev');
    expect(third.code).not.toBe(0);
    expect(third.stderr).toBe(`Error from server (Forbidden): error when creating "STDIN": ${webhookDenial('pods "web-3"', `exceeded quota: ${q}, requested: limits.cpu=2,pods=1, used: limits.cpu=4,pods=2, limited: limits.cpu=4,pods=2`)}\n`);
    const status = await expectStatus(q, { pods: '2', 'limits.cpu': '4' });
    expect(status.total.hard).toEqual({ pods: '2', 'limits.cpu': '4' });
    expect(status.namespaces).toEqual([
      { namespace: s0, status: { used: { pods: '1', 'limits.cpu': '2' } } },
      { namespace: s1, status: { used: { pods: '1', 'limits.cpu': '2' } } },
    ]);
  });

  it('requests.memory and ephemeral storage, in binary units', async () => {
    const { a, q } = await setup('mem', { hard: { 'requests.memory': '1Gi', 'requests.ephemeral-storage': '1Gi' } });
    const ns = a.spaces[0]!;
    expect((await kubectlCreate(podManifest('a', ns, { requests: { memory: '768Mi', 'ephemeral-storage': '512Mi' } }))).code).toBe(0);
    const b = await kubectlCreate(podManifest('b', ns, { requests: { memory: '512Mi', 'ephemeral-storage': '512Mi' } }));
    expect(b.stderr).toContain(webhookDenial('pods "b"', `exceeded quota: ${q}, requested: requests.memory=512Mi, used: requests.memory=768Mi, limited: requests.memory=1Gi`));
    expect((await kubectlCreate(podManifest('c', ns, { requests: { memory: '256Mi', 'ephemeral-storage': '512Mi' } }))).code).toBe(0);
    await expectUsage(q, { 'requests.memory': '1Gi', 'requests.ephemeral-storage': '1Gi' });
  });

  it('hugepages and extended resources', async () => {
    const { a, q } = await setup('ext', { hard: { 'requests.hugepages-2Mi': '4Mi', 'requests.example.com/gpu': '1' } });
    const ns = a.spaces[0]!;
    const gpuPod = (name: string) => podManifest(name, ns, {
      requests: { memory: '64Mi', 'hugepages-2Mi': '4Mi', 'example.com/gpu': '1' }, limits: { memory: '64Mi', 'hugepages-2Mi': '4Mi', 'example.com/gpu': '1' },
    });
    expect((await kubectlCreate(gpuPod('g1'))).code).toBe(0);
    const second = await kubectlCreate(gpuPod('g2'));
    expect(second.stderr).toContain(webhookDenial('pods "g2"',
      `exceeded quota: ${q}, requested: requests.example.com/gpu=1,requests.hugepages-2Mi=4Mi, used: requests.example.com/gpu=1,requests.hugepages-2Mi=4Mi, limited: requests.example.com/gpu=1,requests.hugepages-2Mi=4Mi`));
  });

  it('a pod that finished no longer counts, except in count/pods', async () => {
    const { a, q } = await setup('term', { hard: { pods: '1', 'count/pods': '2' } });
    const ns = a.spaces[0]!;
    expect((await kubectlCreate(podManifest('job-1', ns))).code).toBe(0);
    await eventually(async () => (await kubectl(['-n', ns, 'get', 'pod', 'job-1', '-o', 'jsonpath={.status.phase}'])).stdout === 'Running', 'job-1 to run');
    expect((await kubectlCreate(podManifest('job-2', ns))).stderr).toContain(`exceeded quota: ${q}, requested: pods=1, used: pods=1, limited: pods=1`);
    await kubectlOk(['-n', ns, 'patch', 'pod', 'job-1', '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Succeeded"}}']);
    await expectUsage(q, { pods: '0', 'count/pods': '1' });
    expect((await kubectlCreate(podManifest('job-2', ns))).code).toBe(0);
    expect((await kubectlCreate(podManifest('job-3', ns))).stderr).toContain(`exceeded quota: ${q}, requested: count/pods=1,pods=1, used: count/pods=2,pods=1, limited: count/pods=2,pods=1`);
  });
});

describe('services', () => {
  it('count, node ports and load balancers, also when an update changes the type', async () => {
    const { a, q } = await setup('svc', { hard: { services: '2', 'services.nodeports': '1', 'services.loadbalancers': '1' } });
    const ns = a.spaces[0]!;
    const svc = (name: string, type: string, ports: number[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { type, selector: { app: name }, ports: ports.map((port) => ({ name: `p${port}`, port })) } });
    const twoPorts = await kubectlCreate(svc('np2', 'NodePort', [80, 443]));
    expect(twoPorts.stderr).toContain(webhookDenial('services "np2"', `exceeded quota: ${q}, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1`));
    expect((await kubectlCreate(svc('internal', 'ClusterIP', [80]))).code).toBe(0);
    expect((await kubectlCreate(svc('np1', 'NodePort', [80]))).code).toBe(0);
    const toLb = await kubectl(['-n', ns, 'patch', 'service', 'internal', '-p', '{"spec":{"type":"LoadBalancer"}}']);
    expect(toLb.stderr).toContain(webhookDenial('services "internal"', `exceeded quota: ${q}, requested: services.nodeports=1, used: services.nodeports=1, limited: services.nodeports=1`));
    expect((await kubectlCreate(svc('third', 'ClusterIP', [80]))).stderr).toContain(`exceeded quota: ${q}, requested: services=1, used: services=2, limited: services=2`);
    await expectUsage(q, { services: '2', 'services.nodeports': '1', 'services.loadbalancers': '0' });
  });
});

describe('persistent volume claims', () => {
  it('count, requests.storage and per storage class', async () => {
    const { a, q } = await setup('pvc', { hard: { persistentvolumeclaims: '3', 'requests.storage': '5Gi', 'gold.storageclass.storage.k8s.io/requests.storage': '1Gi' } });
    const ns = a.spaces[0]!;
    const pvc = (name: string, storage: string, storageClassName?: string) => ({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: ns },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, ...(storageClassName ? { storageClassName } : {}) },
    });
    expect((await kubectlCreate(pvc('data', '2Gi'))).code).toBe(0);
    expect((await kubectlCreate(pvc('fast', '2Gi', 'gold'))).stderr).toContain(webhookDenial('persistentvolumeclaims "fast"',
      `exceeded quota: ${q}, requested: gold.storageclass.storage.k8s.io/requests.storage=2Gi, used: gold.storageclass.storage.k8s.io/requests.storage=0, limited: gold.storageclass.storage.k8s.io/requests.storage=1Gi`));
    expect((await kubectlCreate(pvc('fast', '1Gi', 'gold'))).code).toBe(0);
    expect((await kubectlCreate(pvc('big', '4Gi'))).stderr).toContain(`exceeded quota: ${q}, requested: requests.storage=4Gi, used: requests.storage=3Gi, limited: requests.storage=5Gi`);
    await expectUsage(q, { persistentvolumeclaims: '2', 'requests.storage': '3Gi', 'gold.storageclass.storage.k8s.io/requests.storage': '1Gi' });
  });
});

describe('object counts', () => {
  it('count/<resource>.<group> and the old names (configmaps)', async () => {
    // every namespace gets kube-root-ca.crt from the controller-manager: one configmap is already there
    const { a, q } = await setup('count', { hard: { 'count/deployments.apps': '1', configmaps: '2' } });
    const ns = a.spaces[0]!;
    await expectUsage(q, { configmaps: '1', 'count/deployments.apps': '0' });
    expect((await kubectl(['-n', ns, 'create', 'deployment', 'web', '--image=nginx', '--replicas=0', '--as=dev'])).code).toBe(0);
    const second = await kubectl(['-n', ns, 'create', 'deployment', 'api', '--image=nginx', '--replicas=0', '--as=dev']);
    expect(second.stderr).toContain(webhookDenial('deployments.apps "api"', `exceeded quota: ${q}, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1`));
    expect((await kubectl(['-n', ns, 'create', 'configmap', 'one'])).code).toBe(0);
    expect((await kubectl(['-n', ns, 'create', 'configmap', 'two'])).stderr).toContain(`exceeded quota: ${q}, requested: configmaps=1, used: configmaps=2, limited: configmaps=2`);
    // updates do not count again
    expect((await kubectl(['-n', ns, 'label', 'deployment', 'web', 'tier=front'])).code).toBe(0);
  });
});

describe('dry runs', () => {
  it('are checked but never charged', async () => {
    const { a, q } = await setup('dry', { hard: { pods: '1' } });
    const ns = a.spaces[0]!;
    expect((await kubectlCreate(podManifest('p', ns), '--dry-run=server')).code).toBe(0);
    await expectUsage(q, { pods: '0' });
    expect((await usageRecord(q))?.charges).toBe(0);
    expect((await kubectlCreate(podManifest('p', ns))).code).toBe(0);
    expect((await kubectlCreate(podManifest('q', ns), '--dry-run=server')).stderr).toContain(`exceeded quota: ${q}`);
  });
});
