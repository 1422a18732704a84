import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controllerPorts, controllerUp, devServingCert, kubectlApply } from '@/scripts/lib/atrium';
import { consoleDown, consoleUp } from '@/scripts/lib/console';
import { devChartValues } from '@/scripts/lib/install-chart';
import { helmBin, kubeconfig, root } from '@/scripts/lib/paths';
import { databaseUrl, runSql } from '@/scripts/lib/postgres';
import { run, stopDaemon } from '@/scripts/lib/proc';
import { eventually, kubectl, kubectlJson, kubectlOk, uniqueName } from '@/test/support/kubectl';

// The chart's life with the real helm against the dev cluster: upgrade with changed values, rollback, uninstall
// (CRDs, tenants' namespaces and the audit trail stay), install --atomic again, and Atrium adopts what it left.
// One sequence, kept short for CI. It uninstalls the shared installation, so it runs in the serial tier and
// restarts the controller and consoles with the new ServiceAccount tokens at the end.

const helm = (args: string[]) => run(helmBin, ['--kubeconfig', kubeconfig, '--namespace', 'kiosk', ...args]);
const history = async () => JSON.parse((await helm(['history', 'kiosk', '-o', 'json'])).stdout) as { revision: number; status: string; description: string }[];
const webhookTimeout = async () => (await kubectlJson(['get', 'validatingwebhookconfiguration', 'atrium-config'])).webhooks[0].timeoutSeconds as number;
/** A walkthrough fixture (Kiosk v0.2.11 objects), with its names suffixed: files share the cluster. */
const kioskFixture = (file: string, sfx: string) => JSON.parse(JSON.stringify(parse(readFileSync(path.join(root, 'e2e/fixtures/walkthrough', file), 'utf8')))
  .replace(/"(node-account|redis-account|space-template|default-user-limits)"/g, `"$1-${sfx}"`));
const auditRows = async () => Number((await runSql<{ n: string }>(databaseUrl('owner'), 'SELECT count(*) AS n FROM audit_event'))[0]!.n);

describe('helm upgrade, rollback, uninstall and install --atomic', () => {
  const account = uniqueName('chart-life');
  const space = `${account}-space`;
  const chart = path.join(root, 'deploy/chart');
  const sfx = account.slice(-6);
  const kioskSpace = `node-space-${sfx}`;
  let values: string[] = [];

  beforeAll(async () => {
    values = devChartValues((await devServingCert()).caPem, controllerPorts.serving);
    // A tenant with a space, made through Atrium (recorded in the audit trail).
    await kubectlApply(JSON.stringify({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: account }, spec: { subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }] } }));
    await kubectlApply(JSON.stringify({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `${account}-edit` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kiosk-edit' }, subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }] }));
    await eventually(async () => (await kubectl(['create', '-f', '-', '--as=dev'], JSON.stringify({ apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space', metadata: { name: space }, spec: { account } }))).code === 0, 'dev creates a space');
  });
  afterAll(async () => {
    await kubectl(['delete', 'namespace', space, '--wait=false', '--ignore-not-found']);
    await kubectl(['delete', 'account.config.kiosk.sh', account, '--ignore-not-found']);
    await kubectl(['delete', 'clusterrolebinding', `${account}-edit`, '--ignore-not-found']);
    await kubectl(['delete', 'namespace', kioskSpace, '--wait=false', '--ignore-not-found']);
    for (const f of ['node-quota.yml', 'node-account.yml', 'redis-account-template.yml', 'template-definition.yml']) {
      const o = kioskFixture(f, sfx);
      await kubectl(['delete', `${o.kind.toLowerCase()}.config.kiosk.sh`, o.metadata.name, '--ignore-not-found']);
    }
  });

  it('upgrades with changed values and rolls back to the previous ones', async () => {
    const before = (await history()).at(-1)!.revision;
    expect(await webhookTimeout()).toBe(5);
    await helm(['upgrade', 'kiosk', chart, '--wait', '--timeout', '120s', ...values, '--set', 'webhook.timeoutSeconds=9']);
    expect(await webhookTimeout()).toBe(9);
    await helm(['rollback', 'kiosk', String(before), '--wait', '--timeout', '120s']);
    expect(await webhookTimeout()).toBe(5);
    const h = await history();
    expect(h.at(-1)).toMatchObject({ revision: before + 2, status: 'deployed', description: `Rollback to ${before}` });
  });

  it('uninstalls Atrium but keeps the CRDs, the tenants\' objects and namespaces, and the audit trail', async () => {
    const rows = await auditRows();
    expect(rows).toBeGreaterThan(0);
    await helm(['uninstall', 'kiosk', '--wait', '--timeout', '120s']);
    // Atrium itself is gone ...
    expect((await kubectl(['get', 'clusterrole', 'atrium-controller'])).stderr).toMatch(/NotFound/);
    expect((await kubectl(['get', 'apiservice', 'v1alpha1.tenancy.kiosk.sh'])).stderr).toMatch(/NotFound/);
    expect((await kubectl(['get', 'validatingwebhookconfiguration', 'atrium-account-quota'])).stderr).toMatch(/NotFound/);
    // ... what tenants and admins made is not.
    for (const crd of ['accounts', 'accountquotas', 'templates', 'templateinstances']) await kubectlOk(['get', 'crd', `${crd}.config.kiosk.sh`]);
    expect((await kubectlJson(['get', 'account.config.kiosk.sh', account])).spec.subjects[0].name).toBe('dev');
    expect((await kubectlJson(['get', 'namespace', space])).metadata.labels['kiosk.sh/account']).toBe(account);
    expect(await auditRows()).toBeGreaterThanOrEqual(rows);
  });

  // docs/migrating-from-kiosk.md: Kiosk's deployment, APIService and webhooks removed, its CRDs and objects kept.
  it('takes Kiosk v0.2.11\'s objects (the walkthrough\'s) while no Atrium runs', async () => {
    for (const f of ['node-account.yml', 'node-quota.yml', 'template-definition.yml', 'redis-account-template.yml']) {
      await kubectlOk(['apply', '-f', '-'], JSON.stringify(kioskFixture(f, sfx)));
    }
    // A space as Kiosk made it: a namespace labelled with its account.
    await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: kioskSpace, labels: { 'kiosk.sh/account': `node-account-${sfx}` } } }));
  });

  it('installs again with --atomic and adopts what was left', async () => {
    await stopDaemon('controller');
    await helm(['install', 'kiosk', chart, '--atomic', '--wait', '--timeout', '120s', ...values]);
    expect((await history()).map((r) => [r.revision, r.status])).toEqual([[1, 'deployed']]);
    // The host controller and consoles pick up the new ServiceAccounts' tokens.
    await controllerUp();
    // The consoles read their token at start (the browser tests that follow this tier use them).
    await consoleDown();
    await consoleUp({ build: false });
    await eventually(async () => {
      const r = await kubectl(['get', 'spaces', '--as=dev', '-o', 'name']);
      return r.code === 0 && r.stdout.includes(`space.tenancy.kiosk.sh/${space}`);
    }, 'dev sees the space again through tenancy.kiosk.sh');
    await eventually(async () => (await kubectl(['-n', space, 'get', 'rolebindings', '-o', 'name'])).stdout.trim() !== '', 'the space\'s binding reconciled');
    expect((await kubectl(['auth', 'can-i', 'create', 'configmaps', '-n', space, '--as=dev'])).stdout.trim()).toBe('yes');

    // Kiosk's objects are Atrium's now: dev sees the Kiosk space and may work in it, the account lists it, the quota
    // counts it, and a tenant of the templated account gets the template in a new space.
    await eventually(async () => (await kubectl(['get', 'spaces', '--as=dev', '-o', 'name'])).stdout.includes(`space.tenancy.kiosk.sh/${kioskSpace}`), 'dev sees the Kiosk space');
    await eventually(async () => (await kubectl(['auth', 'can-i', 'create', 'deployments', '-n', kioskSpace, '--as=dev'])).stdout.trim() === 'yes', 'dev may work in the Kiosk space');
    await eventually(async () => (await kubectlJson(['get', 'account.config.kiosk.sh', `node-account-${sfx}`])).status?.namespaces?.some((n: any) => n.name === kioskSpace), 'the account lists its space');
    const quota = await eventually(async () => (await kubectlJson(['get', 'accountquota', `default-user-limits-${sfx}`])).status?.total, 'the quota has a status');
    expect(quota.hard).toEqual({ pods: '2', 'limits.cpu': '4' });
    await kubectlApply(JSON.stringify({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `${account}-edit` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kiosk-edit' }, subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'User', name: 'dba', apiGroup: 'rbac.authorization.k8s.io' }] }));
    const redisSpace = `redis-space-${sfx}`;
    await eventually(async () => (await kubectl(['create', '-f', '-', '--as=dba'], JSON.stringify({ apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space', metadata: { name: redisSpace }, spec: { account: `redis-account-${sfx}` } }))).code === 0, 'dba creates a space');
    try {
      await eventually(async () => (await kubectl(['-n', redisSpace, 'get', 'limitrange', 'container-limit-range'])).code === 0, 'the account\'s template in the new space');
    } finally {
      await kubectl(['delete', 'namespace', redisSpace, '--wait=false', '--ignore-not-found']);
    }
  });
});
