// Attack: a tenant makes the controller create, from a Template, what the tenant could not create themselves —
// a RoleBinding to cluster-admin, a bigger ResourceQuota — or uses a parameter to turn a harmless object into
// another one, or forges the recorded author of their TemplateInstance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, kubectl, kubectlJson, kubectlOk, uniqueName } from '@/test/support/kubectl';

const id = uniqueName('te');
const tenant = `${id}-tenant`;
const account = `${id}-a`;
const ns = `${id}-space`;
const as = [`--as=${tenant}`, '--as-group=system:authenticated'];
const rb = (name: string, role: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role }, subjects: [{ kind: 'User', name: tenant, apiGroup: 'rbac.authorization.k8s.io' }] });
const templates = {
  clusterAdmin: { name: `${id}-admin`, manifests: [rb('promote-me', 'cluster-admin')], parameters: [] },
  quota: { name: `${id}-quota`, manifests: [{ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute' }, spec: { hard: { pods: '${PODS}' } } }], parameters: [{ name: 'PODS', value: '10' }] },
  naming: { name: `${id}-naming`, manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-${SUFFIX}' }, data: { a: '1' } }], parameters: [{ name: 'SUFFIX', value: 'config' }] },
  harmless: { name: `${id}-ok`, manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { size: '${SIZE}' } }, rb('team-view', 'view')], parameters: [{ name: 'SIZE', value: 's' }] },
};
const instance = (name: string, template: string, parameters: { name: string; value: string }[] = [], annotations?: Record<string, string>) => JSON.stringify({
  apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'TemplateInstance', metadata: { name, namespace: ns, annotations }, spec: { template, parameters },
});
const settled = (name: string) => eventually(async () => {
  const ti = await kubectlJson(['-n', ns, 'get', 'templateinstance', name]);
  return ti.status?.status ? ti : undefined;
}, `TemplateInstance ${name} to settle`);

beforeAll(async () => {
  await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
    { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: account }, spec: { subjects: [{ kind: 'User', name: tenant, apiGroup: 'rbac.authorization.k8s.io' }] } },
    ...Object.values(templates).map((t) => ({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Template', metadata: { name: t.name }, resources: { manifests: t.manifests }, parameters: t.parameters })),
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kiosk.sh/account': account } } },
  ] }));
  // the tenant is admin of their space (the account's default space role) and may manage TemplateInstances there
  await eventually(async () => (await kubectl(['auth', 'can-i', 'create', 'configmaps', '-n', ns, ...as])).stdout.trim() === 'yes', 'the space RoleBinding');
  await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'templateinstances', namespace: ns }, rules: [{ apiGroups: ['config.kiosk.sh'], resources: ['templateinstances'], verbs: ['get', 'list', 'create', 'update', 'patch', 'delete'] }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'templateinstances', namespace: ns }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'templateinstances' }, subjects: [{ kind: 'User', name: tenant, apiGroup: 'rbac.authorization.k8s.io' }] },
  ] }));
});
afterAll(async () => {
  await kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
  await kubectl(['delete', 'template', '--ignore-not-found', ...Object.values(templates).map((t) => t.name)]);
  await kubectl(['delete', 'accounts.config.kiosk.sh', account, '--ignore-not-found']);
});

describe("a tenant's TemplateInstance", () => {
  it('cannot bind cluster-admin through the controller', async () => {
    await kubectlOk(['create', '-f', '-', ...as], instance('escalate', templates.clusterAdmin.name));
    const ti = await settled('escalate');
    expect(ti.status).toMatchObject({ status: 'Failed', reason: 'Forbidden' });
    expect(ti.status.message).toContain(`RoleBinding promote-me): the author of this TemplateInstance (${tenant}) may not bind ClusterRole cluster-admin`);
    expect((await kubectl(['-n', ns, 'get', 'rolebinding', 'promote-me'])).code).not.toBe(0);
  });

  it('cannot make the controller edit a ResourceQuota, which the admin role may not', async () => {
    await kubectlOk(['create', '-f', '-', ...as], instance('more-pods', templates.quota.name, [{ name: 'PODS', value: '1000' }]));
    const ti = await settled('more-pods');
    expect(ti.status).toMatchObject({ status: 'Failed', reason: 'Forbidden' });
    expect(ti.status.message).toContain(`may not create resourcequotas in namespace ${ns}`);
    expect((await kubectl(['-n', ns, 'get', 'resourcequota', 'compute'])).code).not.toBe(0);
  });

  it('cannot name objects with its parameters unless the Template allows it', async () => {
    await kubectlOk(['create', '-f', '-', ...as], instance('rename', templates.naming.name, [{ name: 'SUFFIX', value: 'other' }]));
    const ti = await settled('rename');
    expect(ti.status).toMatchObject({ status: 'Failed', reason: 'Forbidden' });
    expect(ti.status.message).toContain('parameter SUFFIX would set manifests[0].metadata.name');
    expect(ti.status.message).toContain('atrium.kiosk.sh/naming-parameters');
  });

  it('deploys what its author may create, and records the author whatever the tenant writes', async () => {
    const forged = JSON.stringify({ username: 'admin', groups: ['system:masters'] });
    await kubectlOk(['create', '-f', '-', ...as], instance('fine', templates.harmless.name, [{ name: 'SIZE', value: 'l' }], { 'atrium.kiosk.sh/author': forged }));
    const ti = await settled('fine');
    expect(ti.status.status).toBe('Deployed');
    expect(JSON.parse(ti.metadata.annotations['atrium.kiosk.sh/author'])).toMatchObject({ username: tenant, groups: expect.arrayContaining(['system:authenticated']) });
    expect((await kubectlJson(['-n', ns, 'get', 'configmap', 'settings'])).data).toEqual({ size: 'l' });
    expect((await kubectlJson(['-n', ns, 'get', 'rolebinding', 'team-view'])).roleRef.name).toBe('view');
    // editing the annotation alone keeps the recorded author
    await kubectlOk(['-n', ns, 'annotate', 'templateinstance', 'fine', `atrium.kiosk.sh/author=${forged}`, '--overwrite', ...as]);
    expect(JSON.parse((await kubectlJson(['-n', ns, 'get', 'templateinstance', 'fine'])).metadata.annotations['atrium.kiosk.sh/author']).username).toBe(tenant);
  });

  it("an admin's instance of the same template is deployed with the admin's rights", async () => {
    await kubectlOk(['create', '-f', '-'], instance('by-admin', templates.quota.name, [{ name: 'PODS', value: '20' }]));
    const ti = await settled('by-admin');
    expect(ti.status.status).toBe('Deployed');
    expect((await kubectlJson(['-n', ns, 'get', 'resourcequota', 'compute'])).spec.hard.pods).toBe('20');
  });
});
