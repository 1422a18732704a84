import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, kubectl, kubectlJson, kubectlOk, uniqueName } from '@/test/support/kubectl';

// Spaces and accounts as tenants see them: filtered to what RBAC lets each
// caller get (user, group and service-account subjects, aggregated
// ClusterRoles), with Kiosk's columns and texts, and writes made as the caller.
// Namespaces labelled kiosk.sh/account stand in for created spaces: the space
// reconciler adopts them (RoleBinding of the account's subjects).

const id = uniqueName('ta');
const alice = `${id}-alice`; // User subject of account A (clusterRole admin, the default)
const dave = `${id}-dave`; // may create spaces (kiosk-edit), member of nothing
const erin = `${id}-erin`; // nobody
const carol = `${id}-carol`; // sees one namespace through an aggregated ClusterRole only
const group = `${id}-group`;
const saNs = `${id}-sa`;
const sa = `system:serviceaccount:${saNs}:robot`;
const acct = { a: `${id}-a`, g: `${id}-g`, s: `${id}-s`, lim: `${id}-lim` };
const ns = { a1: `${id}-a1`, a2: `${id}-a2`, g1: `${id}-g1`, s1: `${id}-s1`, x: `${id}-x` };
const created: string[] = [];

const as = (user: string, ...groups: string[]) => [`--as=${user}`, ...groups.map((g) => `--as-group=${g}`)];
/** Names of this run's spaces in `kubectl get spaces` output, as the given identity. */
async function spacesSeenBy(...args: string[]): Promise<string[]> {
  const out = await kubectlOk(['get', 'spaces', '-o', 'name', ...args]);
  return out.split('\n').map((l) => l.replace('space.tenancy.kiosk.sh/', '')).filter((n) => n.startsWith(`${id}-`)).sort();
}
/** The authoritative answer: a SubjectAccessReview for `get namespace <n>`. */
async function sarAllows(user: string, groups: string[], namespace: string): Promise<boolean> {
  const out = await kubectlOk(['create', '-o', 'json', '-f', '-'], JSON.stringify({
    apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview',
    spec: { user, groups: [...groups, 'system:authenticated'], resourceAttributes: { verb: 'get', resource: 'namespaces', name: namespace, namespace } },
  }));
  return JSON.parse(out).status.allowed === true;
}

beforeAll(async () => {
  await kubectlOk(['apply', '-f', '-'], `apiVersion: config.kiosk.sh/v1alpha1
kind: Account
metadata: {name: ${acct.a}}
spec:
  space: {allowedLabels: [team]} # tenants set only the labels the account allows (docs/security.md)
  subjects: [{kind: User, name: ${alice}, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: config.kiosk.sh/v1alpha1
kind: Account
metadata: {name: ${acct.g}}
spec:
  subjects: [{kind: Group, name: ${group}, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: config.kiosk.sh/v1alpha1
kind: Account
metadata: {name: ${acct.s}}
spec:
  space: {clusterRole: kiosk-space-admin}
  subjects: [{kind: ServiceAccount, name: robot, namespace: ${saNs}}]
---
apiVersion: config.kiosk.sh/v1alpha1
kind: Account
metadata: {name: ${acct.lim}}
spec:
  space: {limit: 1, allowedLabels: [team]}
  subjects: [{kind: User, name: ${alice}, apiGroup: rbac.authorization.k8s.io}]
---
${[['a1', acct.a], ['a2', acct.a], ['g1', acct.g], ['s1', acct.s]].map(([k, a]) => `apiVersion: v1
kind: Namespace
metadata: {name: ${ns[k as keyof typeof ns]}, labels: {kiosk.sh/account: ${a}}}
---`).join('\n')}
apiVersion: v1
kind: Namespace
metadata: {name: ${ns.x}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ${saNs}}
---
# An aggregated ClusterRole: its rules come from the labelled role, filled in by the aggregation controller.
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${id}-agg}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {atrium-test/${id}: "true"}}]
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${id}-part, labels: {atrium-test/${id}: "true"}}
rules: [{apiGroups: [""], resources: [namespaces], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${id}-carol, namespace: ${ns.x}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${id}-agg}
subjects: [{kind: User, name: ${carol}, apiGroup: rbac.authorization.k8s.io}]
---
# carol may list spaces (delegated authorization), like an account user.
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${id}-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kiosk-view}
subjects: [{kind: User, name: ${carol}, apiGroup: rbac.authorization.k8s.io}, {kind: User, name: ${erin}, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${id}-edit}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kiosk-edit}
subjects:
- {kind: User, name: ${alice}, apiGroup: rbac.authorization.k8s.io}
- {kind: User, name: ${dave}, apiGroup: rbac.authorization.k8s.io}
- {kind: ServiceAccount, name: robot, namespace: ${saNs}}
`);
  // The space reconciler binds each account's subjects in its spaces; the aggregation controller fills the role.
  for (const n of [ns.a1, ns.a2, ns.g1, ns.s1]) {
    await eventually(async () => (await kubectlJson(['get', 'rolebindings', '-n', n])).items.length > 0, `the RoleBinding in ${n}`);
  }
  await eventually(async () => ((await kubectlJson(['get', 'clusterrole', `${id}-agg`])).rules ?? []).length > 0, 'the aggregated ClusterRole');
});

afterAll(async () => {
  await kubectl(['delete', 'namespace', ...Object.values(ns), saNs, ...created, '--wait=false', '--ignore-not-found']);
  await kubectl(['delete', 'accounts.config.kiosk.sh', ...Object.values(acct), '--wait=false', '--ignore-not-found']);
  await kubectl(['delete', 'clusterrole', `${id}-agg`, `${id}-part`, '--ignore-not-found']);
  await kubectl(['delete', 'clusterrolebinding', `${id}-view`, `${id}-edit`, '--ignore-not-found']);
});

describe('listing and getting spaces', () => {
  it('shows the cluster admin every space, with its owner and Kiosk\'s columns', async () => {
    const out = await kubectlOk(['get', 'spaces']);
    expect(out.split('\n')[0]).toMatch(/^NAME\s+OWNER\s+CREATED AT$/);
    expect(out).toMatch(new RegExp(`${ns.a1}\\s+${acct.a}\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ`));
    expect(out).toMatch(new RegExp(`${ns.g1}\\s+${acct.g}\\s`));
    expect(out).toMatch(new RegExp(`${ns.x}\\s+\\d{4}-`)); // no owner
  });

  it.each([
    ['a User subject', () => as(alice), () => [ns.a1, ns.a2]],
    ['a Group subject', () => as(`${id}-someone`, group), () => [ns.g1]],
    ['a ServiceAccount subject', () => as(sa), () => [ns.s1]],
  ])('shows %s only the spaces of their account', async (_, who, want) => {
    expect(await eventually(async () => {
      const seen = await spacesSeenBy(...who());
      return JSON.stringify(seen) === JSON.stringify(want().sort()) && seen;
    }, 'the filtered list')).toEqual(want().sort());
  });

  it('follows an aggregated ClusterRole bound in a namespace', async () => {
    expect(await spacesSeenBy(...as(carol))).toEqual([ns.x]);
  });

  it('agrees with SubjectAccessReview for every identity and namespace', async () => {
    const identities: [string, string[]][] = [[alice, []], [`${id}-someone`, [group]], [sa, ['system:serviceaccounts', `system:serviceaccounts:${saNs}`]], [carol, []], [erin, []]];
    await Promise.all(identities.map(async ([user, groups]) => {
      const listed = await spacesSeenBy(...as(user, ...groups));
      const got = Object.values(ns).map((n) => ({ user, n, listed: listed.includes(n) }));
      const want = await Promise.all(Object.values(ns).map(async (n) => ({ user, n, listed: await sarAllows(user, groups, n) })));
      expect(got).toEqual(want);
    }));
  });

  it('answers 404 for a space the caller may not see, as for one that does not exist', async () => {
    for (const name of [ns.g1, `${id}-missing`]) {
      const r = await kubectl(['get', 'space', name, ...as(alice)]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`Error from server (NotFound): spaces.tenancy.kiosk.sh "${name}" not found`);
    }
  });

  it('is the namespace\'s metadata without the account label, with spec.account and status.phase', async () => {
    const space = await kubectlJson(['get', 'space', ns.a1, ...as(alice)]);
    const namespace = await kubectlJson(['get', 'namespace', ns.a1]);
    expect(space).toMatchObject({ apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space', spec: { account: acct.a, finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    expect(space.metadata.uid).toBe(namespace.metadata.uid);
    expect(space.metadata.labels).not.toHaveProperty(['kiosk.sh/account']);
    expect(space.metadata.labels['kubernetes.io/metadata.name']).toBe(ns.a1);
  });
});

describe('accounts', () => {
  it('shows a tenant only the accounts they are a subject of, with Kiosk\'s columns', async () => {
    const out = await eventually(async () => {
      const o = await kubectlOk(['get', 'accounts', ...as(alice)]);
      return o.includes(acct.a) && o;
    }, 'alice to see her account');
    expect(out.split('\n')[0]).toMatch(/^NAME\s+SPACES\s+CREATED AT$/);
    expect(out).toMatch(new RegExp(`${acct.a}\\s+2\\s`));
    expect(out).toContain(acct.lim);
    expect(out).not.toContain(acct.g);
    expect(out).not.toContain(acct.s);
    const group = await kubectlOk(['get', 'accounts', '-o', 'name', ...as(`${id}-someone`, `${id}-group`)]);
    expect(group.trim().split('\n').filter((l) => l.includes(id))).toEqual([`account.tenancy.kiosk.sh/${acct.g}`]);
  });

  it('shows the cluster admin every account, and config.kiosk.sh stays reachable by its full name', async () => {
    const out = await kubectlOk(['get', 'accounts']);
    for (const a of Object.values(acct)) expect(out).toContain(a);
    expect(await kubectlOk(['get', 'accounts.config.kiosk.sh', acct.a, '-o', 'name'])).toContain(`account.config.kiosk.sh/${acct.a}`);
  });

  it('stores an Account posted to tenancy.kiosk.sh (Kiosk\'s README) as the config.kiosk.sh Account, written as the caller', async () => {
    const name = `${id}-readme`;
    const manifest = `apiVersion: tenancy.kiosk.sh/v1alpha1
kind: Account
metadata: {name: ${name}}
spec:
  subjects: [{kind: User, name: ${alice}, apiGroup: rbac.authorization.k8s.io}]
`;
    try {
      expect(await kubectlOk(['apply', '-f', '-'], manifest)).toContain(`account.tenancy.kiosk.sh/${name} created`);
      expect(await kubectlJson(['get', 'accounts.config.kiosk.sh', name])).toMatchObject({ apiVersion: 'config.kiosk.sh/v1alpha1', spec: { subjects: [{ name: alice }] } });
      const denied = await kubectl(['delete', 'account', name, ...as(alice)]);
      expect(denied.stderr).toContain(`accounts.tenancy.kiosk.sh "${name}" is forbidden: User "${alice}" cannot delete resource "accounts" in API group "tenancy.kiosk.sh"`);
    } finally {
      await kubectl(['delete', 'account', name, '--ignore-not-found']);
    }
  });

  it('lets a member get their own account', async () => {
    expect(await kubectlJson(['get', 'account', acct.a, ...as(alice)])).toMatchObject({ apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Account', spec: { subjects: [{ name: alice }] } });
  });
});

describe('creating spaces', () => {
  const space = (name: string, account?: string) => `apiVersion: tenancy.kiosk.sh/v1alpha1
kind: Space
metadata: {name: ${name}, labels: {team: t}}
${account ? `spec: {account: ${account}}` : ''}
`;

  it('creates a space for a member, owned by the account', async () => {
    const name = `${id}-new`;
    created.push(name);
    expect(await kubectlOk(['create', '-f', '-', ...as(alice)], space(name, acct.a))).toContain(`space.tenancy.kiosk.sh/${name} created`);
    const namespace = await kubectlJson(['get', 'namespace', name]);
    expect(namespace.metadata.labels).toMatchObject({ 'kiosk.sh/account': acct.a, team: 't' });
    expect(await spacesSeenBy(...as(alice))).toContain(name);
  });

  it('refuses a caller who may not create spaces, in the kube-apiserver\'s words', async () => {
    const r = await kubectl(['create', '-f', '-', ...as(erin)], space(`${id}-e`, acct.a));
    expect(r.stderr).toContain(`Error from server (Forbidden): error when creating "STDIN": spaces.tenancy.kiosk.sh is forbidden: User "${erin}" cannot create resource "spaces" in API group "tenancy.kiosk.sh" at the cluster scope`);
  });

  it('refuses a non-member of the account with Kiosk\'s text', async () => {
    const r = await kubectl(['create', '-f', '-', ...as(dave)], space(`${id}-d`, acct.a));
    expect(r.stderr).toContain(`spaces.tenancy.kiosk.sh "${id}-d" is forbidden: User "${dave}" cannot create resource "spaces" in API group "tenancy.kiosk.sh" at the cluster scope`);
  });

  it('requires spec.account from a caller in no single account', async () => {
    const r = await kubectl(['create', '-f', '-', ...as(dave)], space(`${id}-d2`));
    expect(r.stderr).toContain('Error from server (BadRequest): error when creating "STDIN": spec.account is required');
  });

  it('enforces the space limit with Kiosk\'s text', async () => {
    created.push(`${id}-l1`);
    await kubectlOk(['create', '-f', '-', ...as(alice)], space(`${id}-l1`, acct.lim));
    const r = await kubectl(['create', '-f', '-', ...as(alice)], space(`${id}-l2`, acct.lim));
    expect(r.stderr).toContain(`Error from server (Forbidden): error when creating "STDIN": spaces.tenancy.kiosk.sh "${id}-l2" is forbidden: space limit of 1 reached for account ${acct.lim}`);
  });
});

describe('updating spaces', () => {
  it('labels, annotates and JSON-patches the namespace (as a caller allowed to)', async () => {
    await kubectlOk(['label', 'space', ns.x, 'tier=gold']);
    await kubectlOk(['annotate', 'space', ns.x, 'note=hi']);
    await kubectlOk(['patch', 'space', ns.x, '--type=json', '-p', '[{"op":"add","path":"/metadata/labels/j","value":"p"}]']);
    const n = await kubectlJson(['get', 'namespace', ns.x]);
    expect(n.metadata.labels).toMatchObject({ tier: 'gold', j: 'p' });
    expect(n.metadata.annotations).toMatchObject({ note: 'hi' });
  });

  it('acts as the caller: the admin role cannot patch its namespace', async () => {
    const r = await kubectl(['label', 'space', ns.a1, 'tier=gold', ...as(alice)]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`spaces.tenancy.kiosk.sh "${ns.a1}" is forbidden: User "${alice}" cannot patch resource "namespaces"`);
  });

  it('keeps spec.account immutable', async () => {
    const r = await kubectl(['patch', 'space', ns.a1, '--type=merge', '-p', `{"spec":{"account":"${acct.g}"}}`]);
    expect(r.stderr).toContain(`The Space "${ns.a1}" is invalid: spec.account: Invalid value: "${acct.g}": field is immutable`);
  });

  it('applies client-side and server-side', async () => {
    const manifest = (label: string) => `apiVersion: tenancy.kiosk.sh/v1alpha1
kind: Space
metadata: {name: ${ns.a2}, labels: {applied: ${label}}}
spec: {account: ${acct.a}}
`;
    expect(await kubectlOk(['apply', '-f', '-'], manifest('one'))).toContain('configured');
    expect(await kubectlOk(['apply', '-f', '-'], manifest('one'))).toContain('unchanged');
    expect(await kubectlOk(['apply', '--server-side', '--force-conflicts', '-f', '-'], manifest('two'))).toContain('serverside-applied');
    const n = await kubectlJson(['get', 'namespace', ns.a2]);
    expect(n.metadata.labels).toMatchObject({ applied: 'two', 'kiosk.sh/account': acct.a });
    const space = await kubectlJson(['get', 'space', ns.a2, '--show-managed-fields']);
    expect(space.metadata.managedFields.some((f: any) => f.manager === 'kubectl' && f.operation === 'Apply')).toBe(true);
  });
});

describe('deleting spaces', () => {
  it('needs delete on the namespace: the default admin role of the account cannot', async () => {
    const r = await kubectl(['delete', 'space', ns.a1, ...as(alice)]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`spaces.tenancy.kiosk.sh "${ns.a1}" is forbidden: User "${alice}" cannot delete resource "namespaces" in API group "" in the namespace "${ns.a1}"`);
    expect((await kubectlJson(['get', 'namespace', ns.a1])).metadata.deletionTimestamp).toBeUndefined();
  });

  it('answers 404 to a caller who cannot see the space', async () => {
    const r = await kubectl(['delete', 'space', ns.s1, ...as(alice)]);
    expect(r.stderr).toContain(`spaces.tenancy.kiosk.sh "${ns.s1}" not found`);
  });

  it('lets kiosk-space-admin delete its space', async () => {
    expect(await kubectlOk(['delete', 'space', ns.s1, '--wait=false', ...as(sa)])).toContain(`space.tenancy.kiosk.sh "${ns.s1}" deleted`);
    const n = await kubectl(['get', 'namespace', ns.s1, '-o', 'json']);
    expect(n.code !== 0 || !!JSON.parse(n.stdout).metadata.deletionTimestamp).toBe(true);
  });
});
