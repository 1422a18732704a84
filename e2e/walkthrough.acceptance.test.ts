// The reference walkthrough (shared/reference/kiosk-on-eks-walkthrough.txt),
// step by step, with the real kubectl and helm against the dev cluster. The
// IAM users dev and dba are the dev cluster's users of the same names; the
// admin impersonates them with --as, as the walkthrough does.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { controllerPorts, controllerUp, devServingCert } from '@/scripts/lib/atrium';
import { consoleDown, consoleUp } from '@/scripts/lib/console';
import { devChartValues } from '@/scripts/lib/install-chart';
import { helmBin, kubeconfig, root } from '@/scripts/lib/paths';
import { run, stopDaemon } from '@/scripts/lib/proc';
import { readFileSync, rmSync } from 'node:fs';
import { eventually, kubectl, kubectlCacheDir, kubectlJson, kubectlOk } from '@/test/support/kubectl';

const fixture = (name: string) => path.join(root, 'e2e/fixtures/walkthrough', name);
const spaces = ['node-space', 'redis-space', 'redis-mandatory-space', 'node-space-2', 'node-space-3'];

async function helm(args: string[]) {
  return run(helmBin, ['--kubeconfig', kubeconfig, ...args]);
}

async function cleanSlate() {
  await helm(['uninstall', 'kiosk', '--namespace', 'kiosk', '--wait']).catch(() => undefined);
  await kubectl(['delete', 'accounts.config.kiosk.sh', 'node-account', 'redis-account', '--ignore-not-found']);
  await kubectl(['delete', 'accountquota', 'default-user-limits', '--ignore-not-found']);
  await kubectl(['delete', 'template', 'space-template', '--ignore-not-found']);
  await kubectl(['delete', 'clusterrolebinding', 'kiosk-role-binding', '--ignore-not-found']);
  await kubectl(['delete', 'namespace', 'kiosk', ...spaces, '--ignore-not-found', '--wait=true', '--timeout=120s']);
}

describe('Set up soft multi-tenancy with Kiosk (walkthrough)', () => {
  it('Initial setup: the worker node is Ready', async () => {
    await cleanSlate();
    const r = await kubectlOk(['get', 'nodes']);
    expect(r).toMatch(/atrium-node-1\s+Ready/);
  });

  it('Install Kiosk: create the namespace and install the chart with helm --atomic', async () => {
    await kubectlOk(['create', 'namespace', 'kiosk']);
    const { caPem } = await devServingCert();
    // --repo kiosk is Kiosk's chart repository; here the chart is in the repository itself.
    // devChartValues: devHost mode plus the console's sign-in settings, which every install must give.
    const out = await helm(['install', 'kiosk', path.join(root, 'deploy/chart'), '--namespace', 'kiosk', '--atomic', '--timeout', '120s',
      ...devChartValues(caPem, controllerPorts.serving)]);
    expect(out.stdout).toContain('STATUS: deployed');
    // "This step creates a pod in the kiosk namespace."
    const pods = await eventually(async () => {
      const list = await kubectlJson(['-n', 'kiosk', 'get', 'pods']);
      return list.items.filter((p: any) => p.status.phase === 'Running').length > 0 && list.items;
    }, 'a Running pod in kiosk');
    expect(pods.map((p: any) => p.metadata.name).join(' ')).toMatch(/\batrium-controller-/);
    // In a real cluster those pods are the controller. Here no container runs, so
    // the controller runs on this host; it restarts with the new release's
    // ServiceAccount token (the old one died with the old namespace).
    await stopDaemon('controller');
    await controllerUp();
    // So do the consoles (the chart's atrium-console ServiceAccount), for the browser tests that follow.
    await consoleDown();
    await consoleUp({ build: false });
    // The walkthrough starts from a workstation that never saw Kiosk's API groups;
    // ours cached discovery from before the install (CRDs outlive helm uninstall).
    // The kube-apiserver folds a new APIService into its aggregated discovery a moment after it is Available.
    await eventually(async () => {
      rmSync(kubectlCacheDir, { recursive: true, force: true });
      return (await kubectlOk(['api-resources', '--api-group=tenancy.kiosk.sh'])).includes('spaces');
    }, 'tenancy.kiosk.sh in kubectl discovery');
    await eventually(async () => {
      const svc = await kubectlJson(['get', 'apiservice', 'v1alpha1.tenancy.kiosk.sh']);
      return svc.status?.conditions?.some((c: any) => c.type === 'Available' && c.status === 'True');
    }, 'the tenancy.kiosk.sh APIService to be Available');
  });

  it('Create a Kiosk account for each tenant; dev sees only its own', async () => {
    expect(await kubectlOk(['apply', '-f', fixture('node-account.yml')])).toContain('node-account created');
    expect(await kubectlOk(['apply', '-f', fixture('redis-account.yml')])).toContain('redis-account created');
    const all = await kubectlOk(['get', 'accounts']);
    expect(all).toContain('node-account');
    expect(all).toContain('redis-account');
    const dev = await eventually(async () => {
      const out = await kubectlOk(['get', 'accounts', '--as=dev']);
      return out.includes('node-account') && out;
    }, 'dev to see node-account');
    expect(dev).not.toContain('redis-account');
  });

  it('Create a Kiosk space for each account', async () => {
    await kubectlOk(['apply', '-f', fixture('cluster-role-binding.yml')]);
    expect(await kubectlOk(['get', 'clusterroles', 'kiosk-edit', '-n', 'kiosk', '-o', 'yaml'])).toContain('spaces');
    expect(await kubectlOk(['apply', '-f', fixture('node-space.yml'), '--as=dev'])).toContain('space.tenancy.kiosk.sh/node-space created');
    expect(await kubectlOk(['apply', '-f', fixture('redis-space.yml'), '--as=dba'])).toContain('space.tenancy.kiosk.sh/redis-space created');

    const denied = await kubectl(['create', '-f', fixture('redis-space.yml'), '--as=dev']);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('Error from server (Forbidden)');
    expect(denied.stderr).toContain('"redis-space" is forbidden: User "dev" cannot create resource "spaces"');

    const admin = await kubectlOk(['get', 'spaces']);
    expect(admin).toMatch(/node-space\s+node-account/);
    expect(admin).toMatch(/redis-space\s+redis-account/);
    const dev = await kubectlOk(['get', 'spaces', '--as=dev']);
    expect(dev).toContain('node-space');
    expect(dev).not.toContain('redis-space');
    expect(dev.split('\n')[0]).toMatch(/^NAME\s+OWNER\s+CREATED AT/);
    // Spaces are namespaces.
    const pods = await kubectl(['get', 'pods', '-n', 'redis-space']);
    expect(pods.stderr).toContain('No resources found in redis-space namespace.');
  });

  it('Limit the number of spaces per account', async () => {
    await kubectlOk(['apply', '-f', fixture('node-account-limit.yml')]);
    await kubectlOk(['create', '-f', '-', '--as=dev'], 'apiVersion: tenancy.kiosk.sh/v1alpha1\nkind: Space\nmetadata: {name: node-space-2}\nspec: {account: node-account}\n');
    const third = await kubectl(['create', '-f', '-', '--as=dev'], 'apiVersion: tenancy.kiosk.sh/v1alpha1\nkind: Space\nmetadata: {name: node-space-3}\nspec: {account: node-account}\n');
    expect(third.code).not.toBe(0);
    expect(third.stderr).toContain('Error from server (Forbidden)');
    expect(third.stderr).toContain('space limit of 2 reached for account node-account');
  });

  it('Apply account quotas; only cluster admins may', async () => {
    expect(await kubectlOk(['apply', '-f', fixture('node-quota.yml')])).toContain('default-user-limits created');
    // Atrium lets an account's members read their own account's quotas (Kiosk let them read none), never change them.
    const raised = readFileSync(fixture('node-quota.yml'), 'utf8').replace('pods: "2"', 'pods: "20"');
    const dev = await kubectl(['apply', '-f', '-', '--as=dev'], raised);
    expect(dev.code).not.toBe(0);
    expect(dev.stderr).toMatch(/User "dev" cannot (get|patch) resource "accountquotas"/);
    expect(await kubectlOk(['get', 'accountquotas'])).toContain('default-user-limits');
    await eventually(async () => (await kubectl(['get', 'accountquota', 'default-user-limits', '--as=dev'])).code === 0, 'dev reading their own account\'s quota');
    expect((await kubectl(['get', 'accountquotas', '--as=dev'])).stderr).toContain('User "dev" cannot list resource "accountquotas"');
  });

  it('Create templates for spaces: a mandatory LimitRange template', async () => {
    await kubectlOk(['apply', '-f', fixture('template-definition.yml')]);
    await kubectlOk(['apply', '-f', fixture('redis-account-template.yml')]);
    // redis-space is the account's first space; the mandatory one is its second (limit 2).
    expect(await kubectlOk(['apply', '-f', fixture('redis-mandatory-space.yml')])).toContain('redis-mandatory-space created');
    expect(await kubectlOk(['get', 'limitrange', '-n', 'redis-mandatory-space'])).toContain('container-limit-range');
    const tis = await kubectlOk(['get', 'templateinstances', '-n', 'redis-mandatory-space']);
    expect(tis).toMatch(/space-template\s+space-template\s+Deployed/);

    await kubectlOk(['run', 'nginx', '--image', 'nginx', '-n', 'redis-mandatory-space', '--restart=Never']);
    const described = await kubectlOk(['describe', 'pod', 'nginx', '-n', 'redis-mandatory-space']);
    expect(described).toMatch(/Limits:\s+cpu:\s+1/);
    expect(described).toMatch(/Requests:\s+cpu:\s+500m/);
    await kubectlOk(['delete', 'pod', 'nginx', '-n', 'redis-mandatory-space']);
  });

  it('Deploy applications in the two accounts', async () => {
    await kubectlOk(['apply', '-f', fixture('node-deployment.yml'), '-n', 'node-space', '--as=dev']);
    await kubectlOk(['create', 'deploy', 'redis', '--image', 'redis', '-n', 'redis-space', '--as=dba']);
    await eventually(async () => (await kubectlJson(['get', 'pods', '-n', 'node-space', '--as=dev'])).items.some((p: any) => p.status.phase === 'Running'), 'the nodejs pod to run');
    const wide = await eventually(async () => {
      const out = await kubectlOk(['get', 'pods', '-n', 'redis-space', '-o', 'wide', '--as=dba']);
      return out.includes('Running') && out;
    }, 'the redis pod to run');
    expect(wide).toMatch(/10\.244\.\d+\.\d+/);
  });

  it('Verify account isolation', async () => {
    const own = await kubectlOk(['get', 'all', '-n', 'node-space', '--as=dev']);
    expect(own).toContain('deployment.apps/nodejs');
    const other = await kubectl(['get', 'all', '-n', 'redis-space', '--as=dev']);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain('User "dev" cannot list resource "pods" in API group "" in the namespace "redis-space"');
  });
});
