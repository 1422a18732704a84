import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeApiError, R, resourceClient, selfCan, selfSubjectReview } from '@/server/kube';
import { userKubeconfig } from '@/scripts/lib/paths';
import { kubectlOk, uniqueName } from '@/test/support/kubectl';

// The console's Kubernetes calls for a person, through server/kube. The tier's own identity (ATRIUM_KUBECONFIG) is
// the dev cluster's admin client certificate: if any of it leaked into a person's request, the API server would see
// an admin instead of the person, and these tests would fail.

/** The static bearer token the dev cluster gave a test user. */
const tokenOf = (user: string) => readFileSync(userKubeconfig(user), 'utf8').match(/token: (\S+)/)![1]!;
const ns = uniqueName('as-person');
const configMaps = resourceClient(R.configMaps);

beforeAll(async () => {
  await kubectlOk(['create', 'namespace', ns]);
  // Only the second group may read ConfigMaps here: an impersonated request proves every group arrived.
  await kubectlOk(['-n', ns, 'create', 'role', 'read-cm', '--verb=get,list', '--resource=configmaps']);
  await kubectlOk(['-n', ns, 'create', 'rolebinding', 'read-cm', '--role=read-cm', `--group=${ns}-second`]);
  await kubectlOk(['-n', ns, 'create', 'configmap', 'hello', '--from-literal=a=b']);
});
afterAll(async () => {
  await kubectlOk(['delete', 'namespace', ns, '--wait=false']);
});

describe('token pass-through', () => {
  it('the API server sees the person, not the console', async () => {
    const who = await selfSubjectReview({ bearerToken: tokenOf('alice') });
    expect(who.username).toBe('alice');
    expect(who.groups).toContain('team-a');
    expect(who.groups).not.toContain('system:masters');
  });

  it('a person without rights is refused what the console itself could do', async () => {
    const err = await configMaps.list({ namespace: 'kube-system', as: { bearerToken: tokenOf('dev') } }).catch((e) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as KubeApiError).code).toBe(403);
    expect((err as KubeApiError).message).toContain('User "dev" cannot list resource "configmaps"');
  });

  it('a token the API server does not know is 401, not an anonymous or console request', async () => {
    const err = await selfSubjectReview({ bearerToken: 'not-a-real-token' }).catch((e) => e);
    expect((err as KubeApiError).code).toBe(401);
  });

  it('SelfSubjectAccessReview answers for the person', async () => {
    const [canListHere, canCreateNamespaces] = await selfCan({ bearerToken: tokenOf('dev') }, [
      { verb: 'list', resource: 'configmaps', namespace: ns },
      { verb: 'create', resource: 'namespaces' },
    ]);
    expect([canListHere, canCreateNamespaces]).toEqual([false, false]);
  });
});

describe('impersonation', () => {
  const user = `${ns}-erin`;

  it('every group arrives: rights that come only from the second group work', async () => {
    const list = await configMaps.list({ namespace: ns, as: { user, groups: [`${ns}-first`, `${ns}-second`] } });
    expect(list.items.map((c) => c.metadata.name)).toContain('hello');
  });

  it('without that group the same request is Forbidden', async () => {
    const err = await configMaps.list({ namespace: ns, as: { user, groups: [`${ns}-first`] } }).catch((e) => e);
    expect((err as KubeApiError).code).toBe(403);
  });

  it('user, groups and uid are what the API server sees', async () => {
    const who = await selfSubjectReview({ user, groups: [`${ns}-first`, `${ns}-second`], uid: 'u-123' });
    expect(who).toMatchObject({ username: user, uid: 'u-123' });
    expect(who.groups).toEqual(expect.arrayContaining([`${ns}-first`, `${ns}-second`]));
  });

  it('a write made as a person names the console as its field manager; one made as Atrium does not', async () => {
    await kubectlOk(['-n', ns, 'create', 'role', 'write-cm', '--verb=create', '--resource=configmaps']);
    await kubectlOk(['-n', ns, 'create', 'rolebinding', 'write-cm', '--role=write-cm', `--user=${user}`]);
    const made = await configMaps.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'by-person', namespace: ns }, data: { a: 'b' } }, { user, groups: [] });
    const managers = (o: { metadata: object }) => ((o.metadata as { managedFields?: { manager: string }[] }).managedFields ?? []).map((f) => f.manager);
    expect(managers(made)).toEqual(['atrium-console']);
    const own = await configMaps.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'by-atrium', namespace: ns }, data: { a: 'b' } });
    expect(managers(own)).not.toContain('atrium-console');
  });
});
