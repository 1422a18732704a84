// Attack: a tenant gives their space labels that switch off protections an admin relies on — Pod Security
// (pod-security.kubernetes.io/enforce: privileged), the account label (moving the space into another account),
// network-policy selectors — through tenancy.kiosk.sh or by editing the namespace directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, kubectlJson, kubectlOk, uniqueName } from '@/test/support/kubectl';

const id = uniqueName('sl');
const tenant = `${id}-tenant`;
const acct = { a: `${id}-a`, other: `${id}-other` };
const spaces = { created: `${id}-new`, direct: `${id}-direct`, allowed: `${id}-allowed` };
const as = [`--as=${tenant}`];
const space = (name: string, labels: Record<string, string>, account = acct.a) => JSON.stringify({
  apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space', metadata: { name, labels }, spec: { account },
});

beforeAll(async () => {
  await kubectlOk(['apply', '-f', '-'], `apiVersion: config.kiosk.sh/v1alpha1
kind: Account
metadata: {name: ${acct.a}}
spec:
  space: {clusterRole: admin, allowedLabels: [team, example.com/*]}
  subjects: [{kind: User, name: ${tenant}, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: config.kiosk.sh/v1alpha1
kind: Account
metadata: {name: ${acct.other}}
spec:
  subjects: [{kind: User, name: ${id}-someone, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${id}-edit}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kiosk-edit}
subjects: [{kind: User, name: ${tenant}, apiGroup: rbac.authorization.k8s.io}]
---
# A space role that lets the tenant edit their namespace itself (some admins grant this).
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${id}-namespace-editor}
rules: [{apiGroups: [""], resources: [namespaces], verbs: [get, update, patch]}]
`);
  await kubectlOk(['create', '-f', '-', ...as], space(spaces.direct, {}));
  await kubectlOk(['create', 'rolebinding', 'edit-own-namespace', `--clusterrole=${id}-namespace-editor`, `--user=${tenant}`, '-n', spaces.direct]);
});
afterAll(async () => {
  await kubectl(['delete', 'namespace', '--wait=false', '--ignore-not-found', ...Object.values(spaces)]);
  await kubectl(['delete', 'accounts.config.kiosk.sh', '--ignore-not-found', ...Object.values(acct)]);
  await kubectl(['delete', 'clusterrolebinding', `${id}-edit`, '--ignore-not-found']);
  await kubectl(['delete', 'clusterrole', `${id}-namespace-editor`, '--ignore-not-found']);
});

describe('through tenancy.kiosk.sh', () => {
  it('a space created with the Pod Security label is refused, naming the key and how an admin can set it', async () => {
    const r = await kubectl(['create', '-f', '-', ...as], space(spaces.created, { 'pod-security.kubernetes.io/enforce': 'privileged' }));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`Error from server (Forbidden): error when creating "STDIN": spaces.tenancy.kiosk.sh "${spaces.created}" is forbidden: label "pod-security.kubernetes.io/enforce" is reserved to cluster admins`);
    expect(r.stderr).toContain(`spec.space.spaceTemplate.metadata.labels of Account ${acct.a}`);
    expect((await kubectl(['get', 'namespace', spaces.created])).code).not.toBe(0);
  });

  it('a label the account does not allow is refused with where to allow it; allowed ones pass', async () => {
    const r = await kubectl(['create', '-f', '-', ...as], space(spaces.created, { 'network-zone': 'trusted' }));
    expect(r.stderr).toContain(`label "network-zone" is not allowed on spaces of account ${acct.a}: a cluster admin can allow it in spec.space.allowedLabels of the Account`);
    await kubectlOk(['create', '-f', '-', ...as], space(spaces.allowed, { team: 'blue', 'example.com/tier': 'gold' }));
    expect((await kubectlJson(['get', 'namespace', spaces.allowed])).metadata.labels).toMatchObject({ team: 'blue', 'example.com/tier': 'gold', 'kiosk.sh/account': acct.a });
  });

  // spaces.direct: the tenant holds patch on its namespace, so only the label rule stands in the way
  it.each([
    ['label', ['label', 'space', spaces.direct, 'pod-security.kubernetes.io/enforce=privileged'], 'label "pod-security.kubernetes.io/enforce" is reserved'],
    ['merge patch', ['patch', 'space', spaces.direct, '--type=merge', '-p', '{"metadata":{"labels":{"kubernetes.io/metadata.name":"kube-system"}}}'], 'label "kubernetes.io/metadata.name" is reserved'],
    ['JSON patch', ['patch', 'space', spaces.direct, '--type=json', '-p', '[{"op":"add","path":"/metadata/labels/network-zone","value":"trusted"}]'], `label "network-zone" is not allowed on spaces of account ${acct.a}`],
    ['annotation', ['annotate', 'space', spaces.direct, 'scheduler.alpha.kubernetes.io/node-selector=pool=admin'], 'annotation "scheduler.alpha.kubernetes.io/node-selector" is reserved'],
    ['removing a protected label', ['label', 'space', spaces.direct, 'kubernetes.io/metadata.name-'], 'label "kubernetes.io/metadata.name" is reserved'],
  ])('an update by %s is refused with 403', async (_, args, message) => {
    const r = await kubectl([...args, ...as]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`spaces.tenancy.kiosk.sh "${spaces.direct}" is forbidden: ${message}`);
    const labels = (await kubectlJson(['get', 'namespace', spaces.direct])).metadata.labels;
    expect(labels['pod-security.kubernetes.io/enforce']).toBeUndefined();
    expect(labels['network-zone']).toBeUndefined();
    expect(labels['kubernetes.io/metadata.name']).toBe(spaces.direct);
  });

  it('without patch on the namespace, the caller is refused in the kube-apiserver\'s words', async () => {
    const r = await kubectl(['label', 'space', spaces.allowed, 'example.com/owner=green', ...as]);
    expect(r.stderr).toContain(`spaces.tenancy.kiosk.sh "${spaces.allowed}" is forbidden: User "${tenant}" cannot patch resource "namespaces" in API group "" in the namespace "${spaces.allowed}"`);
  });

  it('an allowed label may be changed through tenancy.kiosk.sh', async () => {
    await kubectlOk(['label', 'space', spaces.direct, 'example.com/cost-center=42', ...as]);
    expect((await kubectlJson(['get', 'namespace', spaces.direct])).metadata.labels['example.com/cost-center']).toBe('42');
  });
});

describe('editing the namespace directly', () => {
  it.each([
    ['adding the Pod Security label', ['label', 'namespace', spaces.direct, 'pod-security.kubernetes.io/enforce=privileged'], 'label "pod-security.kubernetes.io/enforce" is reserved to cluster admins'],
    ['relabelling the space into another account', ['label', 'namespace', spaces.direct, `kiosk.sh/account=${acct.other}`, '--overwrite'], 'label "kiosk.sh/account" is reserved to cluster admins'],
    ['moving the space out of its account', ['label', 'namespace', spaces.direct, 'kiosk.sh/account-'], 'label "kiosk.sh/account" is reserved to cluster admins'],
    ['a label the account does not allow', ['label', 'namespace', spaces.direct, 'network-zone=trusted'], `label "network-zone" is not allowed on spaces of account ${acct.a}`],
  ])('%s is denied by the space webhook', async (_, args, message) => {
    const r = await kubectl([...args, ...as]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('admission webhook "spaces.atrium.kiosk.sh" denied the request');
    expect(r.stderr).toContain(message);
    const labels = (await kubectlJson(['get', 'namespace', spaces.direct])).metadata.labels;
    expect(labels['kiosk.sh/account']).toBe(acct.a);
    expect(labels['pod-security.kubernetes.io/enforce']).toBeUndefined();
  });

  it('the tenant may still change what the account allows; a cluster admin may change anything', async () => {
    await kubectlOk(['label', 'namespace', spaces.direct, 'team=red', ...as]);
    await kubectlOk(['label', 'namespace', spaces.direct, 'pod-security.kubernetes.io/enforce=restricted']);
    expect((await kubectlJson(['get', 'namespace', spaces.direct])).metadata.labels).toMatchObject({ team: 'red', 'pod-security.kubernetes.io/enforce': 'restricted' });
  });
});
