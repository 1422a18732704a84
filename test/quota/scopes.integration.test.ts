// Scoped AccountQuotas (scopes and scopeSelector) and several quotas on one account.
import { afterAll, describe, expect, it } from 'vitest';
import { applyQuota, deleteQuota, expectUsage, kubectl, kubectlCreate, kubectlOk, podManifest, testAccount, uniqueName } from './support';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

async function account(prefix: string) {
  const a = await testAccount(prefix, 1);
  cleanups.push(() => a.cleanup());
  return { name: a.name, ns: a.spaces[0]! };
}
async function quota(account: string, spec: object) {
  const q = uniqueName('aq');
  cleanups.push(() => deleteQuota(q));
  await applyQuota(q, account, spec);
  return q;
}

describe('scopes', () => {
  it('BestEffort and NotBestEffort split pods by QoS class', async () => {
    const { name, ns } = await account('qos');
    const be = await quota(name, { hard: { pods: '1' }, scopes: ['BestEffort'] });
    const notBe = await quota(name, { hard: { pods: '1' }, scopes: ['NotBestEffort'] });
    expect((await kubectlCreate(podManifest('be-1', ns))).code).toBe(0);
    expect((await kubectlCreate(podManifest('be-2', ns))).stderr).toContain(`pods "be-2" is forbidden: exceeded quota: ${be}, requested: pods=1, used: pods=1, limited: pods=1`);
    expect((await kubectlCreate(podManifest('burst-1', ns, { requests: { cpu: '100m' } }))).code).toBe(0);
    expect((await kubectlCreate(podManifest('burst-2', ns, { requests: { cpu: '100m' } }))).stderr).toContain(`exceeded quota: ${notBe}, requested: pods=1`);
    await expectUsage(be, { pods: '1' });
    await expectUsage(notBe, { pods: '1' });
  });

  it('Terminating and NotTerminating follow activeDeadlineSeconds', async () => {
    const { name, ns } = await account('deadline');
    const term = await quota(name, { hard: { pods: '1' }, scopes: ['Terminating'] });
    const job = (n: string) => podManifest(n, ns, { spec: { activeDeadlineSeconds: 600, restartPolicy: 'Never' } });
    expect((await kubectlCreate(job('job-1'))).code).toBe(0);
    expect((await kubectlCreate(job('job-2'))).stderr).toContain(`exceeded quota: ${term}, requested: pods=1, used: pods=1, limited: pods=1`);
    // a long-running pod is outside the quota's scope
    expect((await kubectlCreate(podManifest('server', ns))).code).toBe(0);
    const notTerm = await quota(name, { hard: { pods: '1' }, scopes: ['NotTerminating'] });
    await expectUsage(notTerm, { pods: '1' });
    expect((await kubectlCreate(podManifest('server-2', ns))).stderr).toContain(`exceeded quota: ${notTerm}`);
  });

  it('PriorityClass through scopeSelector (In), other pods untouched', async () => {
    const { name, ns } = await account('prio');
    const pc = uniqueName('prio');
    await kubectlOk(['create', 'priorityclass', pc, '--value=1000']);
    cleanups.push(() => kubectl(['delete', 'priorityclass', pc, '--ignore-not-found']));
    const q = await quota(name, { hard: { pods: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: [pc] }] } });
    const prioritized = (n: string) => podManifest(n, ns, { spec: { priorityClassName: pc } });
    expect((await kubectlCreate(prioritized('hi-1'))).code).toBe(0);
    expect((await kubectlCreate(prioritized('hi-2'))).stderr).toContain(`exceeded quota: ${q}, requested: pods=1, used: pods=1, limited: pods=1`);
    expect((await kubectlCreate(podManifest('normal', ns))).code).toBe(0);
  });
});

describe('several AccountQuotas on one account', () => {
  it('every quota must pass: the lowest limit wins, and the other quota is not charged for the denied pod', async () => {
    const { name, ns } = await account('two');
    const wide = await quota(name, { hard: { pods: '5', 'requests.cpu': '10' } });
    const narrow = await quota(name, { hard: { pods: '2' } });
    for (const p of ['a', 'b']) expect((await kubectlCreate(podManifest(p, ns, { requests: { cpu: '1' } }))).code).toBe(0);
    const third = await kubectlCreate(podManifest('c', ns, { requests: { cpu: '1' } }));
    expect(third.stderr).toContain(`pods "c" is forbidden: exceeded quota: ${narrow}, requested: pods=1, used: pods=2, limited: pods=2`);
    await expectUsage(wide, { pods: '2', 'requests.cpu': '2' });
    await expectUsage(narrow, { pods: '2' });
    // the other way round: the cpu limit of the wide quota is the lowest for cpu
    await kubectlOk(['-n', ns, 'delete', 'pod', 'a', 'b', '--wait=false']);
    await expectUsage(narrow, { pods: '0' });
    const big = await kubectlCreate(podManifest('big', ns, { requests: { cpu: '11' } }));
    expect(big.stderr).toContain(`exceeded quota: ${wide}, requested: requests.cpu=11, used: requests.cpu=0, limited: requests.cpu=10`);
    await expectUsage(narrow, { pods: '0' });
  });
});
