// Attack: a pod in the cluster posts forged AdmissionReviews to the controller's webhook port, naming another
// tenant's namespace, to fill that account's quota. Only the kube-apiserver's webhook client certificate is
// accepted; without it the answer is 401 and nothing is charged.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { applyQuota, deleteQuota, expectUsage, kubectl, kubectlCreate, podManifest, testAccount, uniqueName, usageRecord, type TestAccount } from '@/test/quota/support';
import { callController, clientCerts, podReview } from './support';

let victim: TestAccount | undefined;
let quota = '';
afterAll(async () => {
  if (quota) await deleteQuota(quota);
  await victim?.cleanup();
});

describe('forged AdmissionReviews', () => {
  it.each<[string, keyof typeof clientCerts | undefined, string]>([
    ['no client certificate', undefined, "no client certificate (the kube-apiserver's webhook client must present one)"],
    ["a person's certificate from the cluster CA", 'admin', 'CN "admin" is not an allowed name'],
    ["the front proxy's certificate", 'frontProxy', "is not issued by the CA of the kube-apiserver's webhook client"],
  ])('with %s: 401, and nothing is charged', async (_, client, reason) => {
    if (!victim) {
      victim = await testAccount('victim', 1, ['victim-user']);
      quota = uniqueName('aq');
      await applyQuota(quota, victim.name, { hard: { pods: '2', 'limits.cpu': '2' } });
    }
    const ns = victim.spaces[0]!;
    const before = await usageRecord(quota);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => callController({
      path: '/admission/account-quota', client, body: JSON.stringify(podReview(ns, `forged-${i}`, randomUUID(), randomUUID())),
    })));
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.json).toMatchObject({ kind: 'Status', code: 401, reason: 'Unauthorized' });
      expect(a.json.message).toContain(reason);
    }
    expect(await usageRecord(quota)).toEqual(before);
    expect(before?.charges).toBe(0);
    // the account's users are not affected: they can create up to the limit
    await expectUsage(quota, { pods: '0', 'limits.cpu': '0' });
    const create = await kubectlCreate(podManifest(`real-${randomUUID().slice(0, 6)}`, ns, { limits: { cpu: '1' }, requests: { cpu: '1' } }), '--as=victim-user');
    expect(create.stderr).toBe('');
    await kubectl(['-n', ns, 'delete', 'pods', '--all', '--wait=false']);
    await expectUsage(quota, { pods: '0' }, 30_000);
  }, 120_000);

  it("charges a review that carries the kube-apiserver's certificate (the API server's own calls work)", async () => {
    const ns = victim!.spaces[0]!;
    const a = await callController({ path: '/admission/account-quota', client: 'webhook', body: JSON.stringify(podReview(ns, 'by-the-api-server', randomUUID(), randomUUID())) });
    expect(a.status).toBe(200);
    expect(a.json.response).toMatchObject({ allowed: true });
    expect((await usageRecord(quota))?.charges).toBe(1);
    // its pod never appears: the API server does not have it, so the charge is released early, not after the TTL
    await expectUsage(quota, { pods: '0' }, 25_000);
    expect((await usageRecord(quota))?.charges).toBe(0);
  }, 60_000);

  it('the tenancy.kiosk.sh API does not take the webhook certificate for the front proxy', async () => {
    const a = await callController({ path: '/apis/tenancy.kiosk.sh/v1alpha1/spaces', method: 'GET', client: 'webhook', headers: { 'X-Remote-User': 'admin', 'X-Remote-Group': 'system:masters' } });
    expect(a.status).toBe(401);
  });
});
