// Tenants read their own account's AccountQuotas by name, through the per-account ClusterRole the controller keeps.
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, kubectl, kubectlOk, uniqueName } from '@/test/support/kubectl';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function apply(obj: object) {
  await kubectlOk(['apply', '-f', '-'], JSON.stringify(obj));
}

async function account(subject: string) {
  const name = uniqueName('acct');
  await apply({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name }, spec: { subjects: [{ kind: 'User', name: subject, apiGroup: 'rbac.authorization.k8s.io' }] } });
  cleanups.push(() => kubectl(['delete', 'account', name, '--ignore-not-found', '--wait=false']));
  return name;
}

async function quota(accountName: string) {
  const name = uniqueName('aq');
  await apply({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'AccountQuota', metadata: { name }, spec: { account: accountName, quota: { hard: { pods: '3' } } } });
  cleanups.push(() => kubectl(['delete', 'accountquota', name, '--ignore-not-found', '--wait=false']));
  return name;
}

describe('a tenant and their account\'s quotas', () => {
  it('a tenant may get a quota of their own account, not another account\'s, and may not list quotas', async () => {
    // dev is a subject of many test accounts; a user of its own keeps this test's answers its own
    const user = uniqueName('tenant');
    const mine = await account(user);
    const other = await account(uniqueName('someone'));
    const q = await quota(mine);
    const theirs = await quota(other);

    // the controller adds the quota to the account's ClusterRole when it appears
    await eventually(async () => (await kubectl(['get', 'accountquota', q, `--as=${user}`])).code === 0, 'the tenant can get their quota', 20_000);
    const got = await kubectl(['get', 'accountquota', q, `--as=${user}`, '-o', 'jsonpath={.spec.account}']);
    expect(got.stdout).toBe(mine);

    const foreign = await kubectl(['get', 'accountquota', theirs, `--as=${user}`]);
    expect(foreign.code).not.toBe(0);
    expect(foreign.stderr).toContain('forbidden');

    const list = await kubectl(['get', 'accountquotas', `--as=${user}`]);
    expect(list.code).not.toBe(0);
    expect(list.stderr).toContain('cannot list resource "accountquotas"');

    // a second quota joins the first; a deleted one is taken away again
    const q2 = await quota(mine);
    await eventually(async () => (await kubectl(['get', 'accountquota', q2, `--as=${user}`])).code === 0, 'the second quota readable', 20_000);
    await kubectlOk(['delete', 'accountquota', q2]);
    await kubectlOk(['create', '-f', '-'], JSON.stringify({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'AccountQuota', metadata: { name: q2 }, spec: { account: other, quota: { hard: { pods: '1' } } } }));
    // the same name now belongs to the other account: the tenant must lose it
    await eventually(async () => (await kubectl(['get', 'accountquota', q2, `--as=${user}`])).code !== 0, 'the re-created quota of another account is not readable', 20_000);
    expect((await kubectl(['get', 'accountquota', q, `--as=${user}`])).code).toBe(0);
  });
});
