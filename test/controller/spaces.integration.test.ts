import { afterAll, describe, expect, it } from 'vitest';
import { accounts } from '@/server/kube';
import { createSpace, type CreateSpaceResult } from '@/server/use-cases/create-space';
import { eventually, kubectl, kubectlJson, kubectlOk, uniqueName } from '@/test/support/kubectl';

const created: string[] = [];
const deps = {
  getAccount: () => undefined as any,
  listAccounts: () => [] as any[],
};

/** createSpace as the aggregated API calls it, with accounts read fresh from the API server. */
async function create(name: string, account: string | undefined, user: string, groups: string[] = []): Promise<CreateSpaceResult> {
  const all = (await accounts.list()).items;
  const r = await createSpace({ name, account }, { username: user, groups: ['system:authenticated', ...groups] }, {
    ...deps, getAccount: (n) => all.find((a) => a.metadata.name === n), listAccounts: () => all,
  });
  if (r.ok) created.push(name);
  return r;
}

async function account(name: string, spec: object) {
  await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name }, spec }));
}

afterAll(async () => {
  if (created.length) await kubectl(['delete', 'namespace', '--wait=false', '--ignore-not-found', ...created]);
});

describe('createSpace', () => {
  it('creates a namespace owned by the account with a RoleBinding of its subjects to admin', async () => {
    const a = uniqueName('acct');
    const s = uniqueName('space');
    await account(a, { subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }] });
    const r = await create(s, a, 'dev');
    expect(r).toMatchObject({ ok: true });
    const ns = await kubectlJson(['get', 'namespace', s]);
    expect(ns.metadata.labels['kiosk.sh/account']).toBe(a);
    const rbs = await kubectlJson(['-n', s, 'get', 'rolebindings']);
    expect(rbs.items).toHaveLength(1);
    expect(rbs.items[0].metadata.name.startsWith(`${a}-`)).toBe(true);
    expect(rbs.items[0].roleRef.name).toBe('admin');
    expect(rbs.items[0].subjects).toEqual([{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }]);
    // and dev can now work in it, as the walkthrough expects
    expect((await kubectl(['-n', s, 'create', 'configmap', 'x', '--as=dev'])).code).toBe(0);
    await kubectlOk(['delete', 'account', a]);
  });

  it('refuses a user who is not a subject of the account, with the Kubernetes text', async () => {
    const a = uniqueName('acct');
    await account(a, { subjects: [{ kind: 'User', name: 'dba' }] });
    const s = uniqueName('space');
    const r = await create(s, a, 'dev');
    expect(r).toEqual({ ok: false, code: 403, reason: 'Forbidden', message: `spaces.tenancy.kiosk.sh "${s}" is forbidden: User "dev" cannot create resource "spaces" in API group "tenancy.kiosk.sh" at the cluster scope` });
    expect((await kubectl(['get', 'namespace', s])).code).not.toBe(0);
    await kubectlOk(['delete', 'account', a]);
  });

  it('matches group and service-account subjects, and fills in the only account of the caller', async () => {
    const a = uniqueName('acct');
    // A group of its own: other test files put alice's team-a into accounts of their own at the same time.
    const team = uniqueName('team');
    await account(a, { subjects: [{ kind: 'Group', name: team }, { kind: 'ServiceAccount', name: 'ci', namespace: 'tools' }] });
    expect(await create(uniqueName('grp'), a, 'alice', [team])).toMatchObject({ ok: true });
    expect(await create(uniqueName('sa'), a, 'system:serviceaccount:tools:ci', ['system:serviceaccounts'])).toMatchObject({ ok: true });
    const inferred = uniqueName('inferred');
    expect(await create(inferred, undefined, `member-of-${team}`, [team])).toMatchObject({ ok: true });
    expect((await kubectlJson(['get', 'namespace', inferred])).metadata.labels['kiosk.sh/account']).toBe(a);
    await kubectlOk(['delete', 'account', a]);
  });

  it('rolls the space back when a mandatory template fails, with Kiosk\'s message', async () => {
    const a = uniqueName('acct');
    const tpl = uniqueName('broken');
    await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Template', metadata: { name: tpl },
      resources: { manifests: [{ apiVersion: 'example.com/v1', kind: 'NoSuchKind', metadata: { name: 'x' } }] } }));
    await account(a, { subjects: [{ kind: 'User', name: 'dev' }], space: { limit: 1, templateInstances: [{ spec: { template: tpl } }] } });
    const s = uniqueName('space');
    const r = await create(s, a, 'dev');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(new RegExp(`^TemplateInstance '${tpl}' failed with \\w+: .*NoSuchKind`));
    // nothing half-created: the namespace goes, and the slot is free again
    await eventually(async () => {
      const ns = await kubectl(['get', 'namespace', s, '-o', 'json']);
      return ns.code !== 0 || JSON.parse(ns.stdout).status.phase === 'Terminating';
    }, 'the namespace to be removed');
    const status = await kubectlJson(['get', 'account', a]);
    expect(status.status?.spaceReservations ?? []).toEqual([]);
    await kubectlOk(['delete', 'account', a]);
    await kubectlOk(['delete', 'template', tpl]);
  });

  it('never exceeds the space limit: 20 concurrent creates at limit 2 give exactly 2 spaces', async () => {
    const a = uniqueName('acct');
    await account(a, { subjects: [{ kind: 'User', name: 'dev' }], space: { limit: 2 } });
    const names = Array.from({ length: 20 }, (_, i) => `${a}-s${i}`);
    const results = await Promise.all(names.map((n) => create(n, a, 'dev')));
    const ok = results.filter((r) => r.ok);
    expect(ok).toHaveLength(2);
    for (const [i, r] of results.entries()) {
      if (!r.ok) expect(r.message).toBe(`spaces.tenancy.kiosk.sh "${names[i]}" is forbidden: space limit of 2 reached for account ${a}`);
    }
    const spaces = await kubectlJson(['get', 'namespaces', '-l', `kiosk.sh/account=${a}`]);
    expect(spaces.items).toHaveLength(2);
    await kubectlOk(['delete', 'account', a]);
  });
});

describe('account and space reconcilers', () => {
  it('adopts a namespace labelled into an account later and propagates subject changes', async () => {
    const a = uniqueName('acct');
    const s = uniqueName('adopted');
    await account(a, { subjects: [{ kind: 'User', name: 'dev' }], space: { spaceTemplate: { metadata: { labels: { team: 'blue' }, annotations: { owner: 'platform' } } } } });
    await kubectlOk(['create', 'namespace', s]);
    created.push(s);
    await kubectlOk(['label', 'namespace', s, `kiosk.sh/account=${a}`]);
    const rb = await eventually(async () => (await kubectlJson(['-n', s, 'get', 'rolebindings'])).items[0], 'the RoleBinding of the adopted space');
    expect(rb.subjects.map((x: any) => x.name)).toEqual(['dev']);
    const ns = await eventually(async () => {
      const n = await kubectlJson(['get', 'namespace', s]);
      return n.metadata.labels.team === 'blue' && n;
    }, 'spaceTemplate labels');
    expect(ns.metadata.annotations.owner).toBe('platform');
    await eventually(async () => (await kubectlJson(['get', 'account', a])).status?.namespaces?.some((n: any) => n.name === s), 'status.namespaces');
    const role = await kubectlJson(['get', 'clusterrole', `kiosk-account-${a}-view`]);
    expect(role.metadata.ownerReferences[0].name).toBe(a);

    await account(a, { subjects: [{ kind: 'User', name: 'dev' }, { kind: 'User', name: 'dba' }] });
    await eventually(async () => {
      const rbs = (await kubectlJson(['-n', s, 'get', 'rolebindings'])).items;
      return rbs.length === 1 && rbs[0].subjects.map((x: any) => x.name).sort().join() === 'dba,dev';
    }, 'subjects to propagate');
    const crb = await eventually(async () => {
      const b = await kubectlJson(['get', 'clusterrolebinding', `kiosk-account-${a}-view`]);
      return b.subjects.length === 2 && b;
    }, 'account ClusterRoleBinding subjects');
    expect(crb.subjects.map((x: any) => x.name).sort()).toEqual(['dba', 'dev']);
    await kubectlOk(['delete', 'account', a]);
  });

  it('keeps spaces when an account is deleted, unless the admin opted in', async () => {
    const kept = uniqueName('acct');
    const gone = uniqueName('acct');
    await account(kept, { subjects: [{ kind: 'User', name: 'dev' }] });
    await account(gone, { subjects: [{ kind: 'User', name: 'dev' }], space: { deleteSpacesOnAccountDeletion: true } });
    const keptSpace = uniqueName('kept');
    const goneSpace = uniqueName('gone');
    expect(await create(keptSpace, kept, 'dev')).toMatchObject({ ok: true });
    expect(await create(goneSpace, gone, 'dev')).toMatchObject({ ok: true });
    await eventually(async () => (await kubectlJson(['get', 'account', gone])).metadata.finalizers?.includes('config.kiosk.sh/delete-spaces'), 'the opt-in finalizer');
    await kubectlOk(['delete', 'account', kept, gone, '--wait=true', '--timeout=60s']);
    // bindings are owned by the account and garbage-collected
    await eventually(async () => (await kubectl(['get', 'clusterrole', `kiosk-account-${kept}-view`])).code !== 0, 'the account ClusterRole to go');
    await eventually(async () => {
      const ns = await kubectl(['get', 'namespace', goneSpace, '-o', 'json']);
      return ns.code !== 0 || JSON.parse(ns.stdout).status.phase === 'Terminating';
    }, 'the opted-in space to be deleted');
    expect((await kubectlJson(['get', 'namespace', keptSpace])).status.phase).toBe('Active');
  });
});
