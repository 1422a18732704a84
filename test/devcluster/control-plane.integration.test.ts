import { describe, expect, it } from 'vitest';
import { getClusterVersion, listNamespaceNames } from '@/server/kube';
import { kubectl, kubectlJson, kubectlOk, eventually, uniqueName } from '@/test/support/kubectl';

// Proves the dev control plane is a real Kubernetes: RBAC, admission plugins,
// controller-manager, scheduler and node simulation all behave as upstream.
describe('devcluster control plane', () => {
  it('is ready and reports the pinned Kubernetes version to the TypeScript client', async () => {
    expect((await kubectlOk(['get', '--raw', '/readyz'])).trim()).toBe('ok');
    const v = await getClusterVersion();
    expect(v.gitVersion).toBe('v1.36.3');
  });

  it('lets the admin list namespaces through server/kube', async () => {
    const names = await listNamespaceNames();
    expect(names).toEqual(expect.arrayContaining(['default', 'kube-system']));
  });

  it('authorizes with RBAC: an impersonated tenant may not list namespaces', async () => {
    const r = await kubectl(['get', 'namespaces', '--as=dev']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'Error from server (Forbidden): namespaces is forbidden: User "dev" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
  });

  it('accepts the test identities\' own bearer tokens', async () => {
    const { userKubeconfig } = await import('@/scripts/lib/paths');
    const r = await kubectl(['--kubeconfig', userKubeconfig('alice'), 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username} {.status.userInfo.groups}']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('alice');
    expect(r.stdout).toContain('team-a');
  });

  it('fills ResourceQuota status and rejects an over-quota pod with the upstream message', async () => {
    const ns = uniqueName('quota');
    await kubectlOk(['create', 'namespace', ns]);
    await kubectlOk(['-n', ns, 'create', 'quota', 'one-pod', '--hard=pods=1']);
    await eventually(async () => (await kubectlJson(['-n', ns, 'get', 'quota', 'one-pod'])).status?.hard?.pods === '1', 'quota status.hard');
    await eventually(async () => (await kubectl(['-n', ns, 'get', 'sa', 'default'])).code === 0, 'default service account');
    await kubectlOk(['-n', ns, 'run', 'first', '--image=nginx', '--restart=Never']);
    const second = await kubectl(['-n', ns, 'run', 'second', '--image=nginx', '--restart=Never']);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain('exceeded quota: one-pod, requested: pods=1, used: pods=1, limited: pods=1');
    await kubectlOk(['delete', 'namespace', ns, '--wait=false']);
  });

  it('applies LimitRange defaults to a pod created without resources', async () => {
    const ns = uniqueName('limits');
    await kubectlOk(['create', 'namespace', ns]);
    await kubectlOk(['-n', ns, 'apply', '-f', '-'], `apiVersion: v1
kind: LimitRange
metadata: {name: container-limit-range}
spec:
  limits:
  - type: Container
    default: {cpu: "1"}
    defaultRequest: {cpu: 500m}
`);
    await eventually(async () => (await kubectl(['-n', ns, 'get', 'sa', 'default'])).code === 0, 'default service account');
    await kubectlOk(['-n', ns, 'run', 'nginx', '--image=nginx', '--restart=Never']);
    const pod = await kubectlJson(['-n', ns, 'get', 'pod', 'nginx']);
    expect(pod.spec.containers[0].resources).toEqual({ limits: { cpu: '1' }, requests: { cpu: '500m' } });
    await kubectlOk(['delete', 'namespace', ns, '--wait=false']);
  });

  it('runs a Deployment to a Running pod and completes namespace deletion', async () => {
    const ns = uniqueName('deploy');
    await kubectlOk(['create', 'namespace', ns]);
    await eventually(async () => (await kubectl(['-n', ns, 'get', 'sa', 'default'])).code === 0, 'default service account');
    await kubectlOk(['-n', ns, 'create', 'deployment', 'web', '--image=nginx']);
    const pod = await eventually(async () => {
      const pods = await kubectlJson(['-n', ns, 'get', 'pods', '-l', 'app=web']);
      return pods.items.find((p: any) => p.status.phase === 'Running');
    }, 'a Running pod');
    expect(pod.spec.nodeName).toBe('atrium-node-1');
    expect(pod.status.podIP).toMatch(/^10\.244\./);
    await kubectlOk(['delete', 'namespace', ns, '--wait=true', '--timeout=90s']);
    const gone = await kubectl(['get', 'namespace', ns]);
    expect(gone.stderr).toContain(`namespaces "${ns}" not found`);
  });
});
