// Attack: someone steals the controller's ServiceAccount token (or takes over its pod) and tries to become
// cluster-admin with it. The chart's RBAC and admission policies must make every such attempt Forbidden.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlBin, userKubeconfig } from '@/scripts/lib/paths';
import { kubectl, kubectlOk, uniqueName, type Result } from '@/test/support/kubectl';

const id = uniqueName('ct');
const account = `${id}-a`;
const space = `${id}-space`;
const self = ['--serviceaccount=kiosk:atrium-controller'];

/** kubectl with the controller's own token (the kubeconfig the dev stack runs the controller with). */
function asController(args: string[], stdin?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectlBin, ['--kubeconfig', userKubeconfig('atrium-controller'), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

beforeAll(async () => {
  await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: account }, spec: { subjects: [{ kind: 'User', name: `${id}-u`, apiGroup: 'rbac.authorization.k8s.io' }] } }));
  await kubectlOk(['create', 'namespace', space]);
  await kubectlOk(['label', 'namespace', space, `kiosk.sh/account=${account}`]);
  await kubectlOk(['-n', space, 'create', 'secret', 'generic', 'db-password', '--from-literal=password=hunter2']);
});
afterAll(async () => {
  await kubectl(['delete', 'namespace', space, '--wait=false', '--ignore-not-found']);
  await kubectl(['delete', 'accounts.config.kiosk.sh', account, '--ignore-not-found']);
  await kubectl(['delete', 'clusterrolebinding,clusterrole', `${id}-x`, `kiosk-account-${id}-x`, '--ignore-not-found']);
  await kubectl(['-n', 'kube-system', 'delete', 'rolebinding', `${id}-x`, '--ignore-not-found']);
});

describe("the controller's ServiceAccount token", () => {
  it('is the identity the controller runs with', async () => {
    expect((await asController(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'])).stdout).toBe('system:serviceaccount:kiosk:atrium-controller');
  });

  it.each<[string, string[], RegExp]>([
    ['bind cluster-admin in a space', ['-n', space, 'create', 'rolebinding', `${id}-x`, '--clusterrole=cluster-admin', ...self],
      /rolebindings.rbac.authorization.k8s.io "[^"]+" is forbidden: user "system:serviceaccount:kiosk:atrium-controller" .*attempting to grant RBAC permissions not currently held/],
    ['bind cluster-admin cluster-wide', ['create', 'clusterrolebinding', `${id}-x`, '--clusterrole=cluster-admin', ...self],
      /is forbidden: user "system:serviceaccount:kiosk:atrium-controller" .*attempting to grant RBAC permissions not currently held/],
    ['bind admin (which it may bind in spaces) cluster-wide', ['create', 'clusterrolebinding', `kiosk-account-${id}-x`, '--clusterrole=admin', ...self],
      /ValidatingAdmissionPolicy 'atrium-controller-clusterrolebindings' .*denied request: the Atrium controller may bind only its own ClusterRoles/],
    ['bind admin in kube-system', ['-n', 'kube-system', 'create', 'rolebinding', `${id}-x`, '--clusterrole=admin', '--user=someone'],
      /ValidatingAdmissionPolicy 'atrium-controller-rolebindings' .*denied request: the Atrium controller may bind the account ClusterRoles only in spaces/],
    ['bind admin to itself in a space', ['-n', space, 'create', 'rolebinding', `${id}-x`, '--clusterrole=admin', ...self],
      /denied request: the Atrium controller may not bind roles to itself/],
    ['impersonate system:masters', ['get', 'secrets', '-n', space, '--as=someone', '--as-group=system:masters'],
      // 1.36 checks constrained impersonation (impersonate-on:<mode>:<verb>) first, then legacy impersonate
      /is forbidden: User "system:serviceaccount:kiosk:atrium-controller" cannot impersonate/],
    ['read a Secret in a space', ['-n', space, 'get', 'secret', 'db-password'],
      /secrets "db-password" is forbidden: User "system:serviceaccount:kiosk:atrium-controller" cannot get resource "secrets" in API group "" in the namespace/],
    ['list Secrets cluster-wide', ['get', 'secrets', '-A'],
      /secrets is forbidden: User "system:serviceaccount:kiosk:atrium-controller" cannot list resource "secrets" in API group "" at the cluster scope/],
    ['create a ClusterRole with * rules', ['create', 'clusterrole', `kiosk-account-${id}-x`, '--verb=*', '--resource=*.*'],
      /is forbidden: user "system:serviceaccount:kiosk:atrium-controller" .*attempting to grant RBAC permissions not currently held/],
    ['create a ClusterRole of another name', ['create', 'clusterrole', `${id}-x`, '--verb=get', '--resource=namespaces'],
      /denied request: the Atrium controller may write only its own ClusterRoles/],
    ['aggregate into admin', ['apply', '-f', '-'],
      /denied request: the Atrium controller may not write ClusterRoles that are aggregated into other roles/],
  ])('cannot %s', async (what, args, error) => {
    const stdin = what === 'aggregate into admin' ? JSON.stringify({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
      metadata: { name: `kiosk-account-${id}-x`, labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } },
      rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['delete'] }],
    }) : undefined;
    const r = await asController(args, stdin);
    expect(r.code, r.stdout).not.toBe(0);
    expect(r.stderr).toMatch(error);
  });

  it('holds no impersonation, escalation or wildcard rights at all', async () => {
    const list = (await asController(['auth', 'can-i', '--list'])).stdout;
    expect(list).not.toMatch(/impersonate/);
    expect(list).not.toMatch(/\bescalate\b/);
    expect(list).not.toMatch(/^\*\.\*\s/m);
    expect(list).not.toMatch(/^secrets\s/m);
    for (const [verb, resource] of [['bind', 'clusterroles/cluster-admin'], ['impersonate', 'groups/system:masters'], ['get', 'secrets'], ['create', 'pods/exec']]) {
      expect((await asController(['auth', 'can-i', verb!, resource!, '-n', space])).stdout.trim(), `${verb} ${resource}`).toBe('no');
    }
  });
});
