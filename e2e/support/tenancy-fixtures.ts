import { kubectl, kubectlOk, uniqueName } from '../../test/support/kubectl';

/**
 * The cluster objects a spaces test needs, made by the admin with kubectl under unique names so parallel and
 * repeated runs never meet: an account for dev (limit 2, a required LimitRange template, members may delete
 * their spaces) with one space already in it, and an account for dba with one space dev must never see.
 */
export interface SpacesFixture {
  id: string;
  devAccount: string;
  dbaAccount: string;
  template: string;
  /** dev's space that exists before the test starts. */
  devSpace: string;
  dbaSpace: string;
  limit: number;
  /** An account of the cluster admin, and an optional template with parameters only admins may list. */
  adminAccount: string;
  optionalTemplate: string;
}

const yaml = (objs: object[]) => objs.map((o) => JSON.stringify(o)).join('\n---\n');

export async function createSpacesFixture(): Promise<SpacesFixture> {
  const id = uniqueName('e2e');
  const f: SpacesFixture = {
    id,
    devAccount: `${id}-dev`,
    dbaAccount: `${id}-dba`,
    template: `${id}-limits`,
    devSpace: `${id}-dev-one`,
    dbaSpace: `${id}-dba-one`,
    limit: 2,
    adminAccount: `${id}-admin`,
    optionalTemplate: `${id}-greeting`,
  };
  await kubectlOk(['apply', '-f', '-'], yaml([
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `${id}-kiosk-edit` },
      subjects: ['dev', 'dba'].map((name) => ({ kind: 'User', name, apiGroup: 'rbac.authorization.k8s.io' })),
      roleRef: { kind: 'ClusterRole', name: 'kiosk-edit', apiGroup: 'rbac.authorization.k8s.io' },
    },
    {
      apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Template', metadata: { name: f.template },
      resources: { manifests: [{ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'container-limit-range' }, spec: { limits: [{ type: 'Container', default: { cpu: '1' }, defaultRequest: { cpu: '500m' } }] } }] },
    },
    {
      apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: f.devAccount },
      spec: {
        space: { limit: f.limit, clusterRole: 'kiosk-space-admin', templateInstances: [{ spec: { template: f.template } }] },
        subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }],
      },
    },
    {
      apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Template', metadata: { name: f.optionalTemplate },
      parameters: [{ name: 'GREETING', required: true, validation: '^[a-z]+$' }, { name: 'TIER', value: 'web' }],
      resources: { manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'greeting' }, data: { text: '${GREETING}', tier: '${TIER}' } }] },
    },
    {
      apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: f.adminAccount },
      spec: { subjects: [{ kind: 'User', name: 'admin', apiGroup: 'rbac.authorization.k8s.io' }] },
    },
    {
      apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: f.dbaAccount },
      spec: { space: { clusterRole: 'kiosk-space-admin' }, subjects: [{ kind: 'User', name: 'dba', apiGroup: 'rbac.authorization.k8s.io' }] },
    },
  ]));
  // Created as the tenants themselves, through tenancy.kiosk.sh, as the walkthrough does.
  const space = (name: string, account: string) => JSON.stringify({ apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space', metadata: { name }, spec: { account } });
  await kubectlOk(['create', '--as=dev', '-f', '-'], space(f.devSpace, f.devAccount));
  await kubectlOk(['create', '--as=dba', '-f', '-'], space(f.dbaSpace, f.dbaAccount));
  return f;
}

export async function deleteSpacesFixture(f: SpacesFixture): Promise<void> {
  const spaces = (await kubectl(['get', 'namespaces', '-o', 'name'])).stdout.split('\n').filter((n) => n.startsWith(`namespace/${f.id}-`));
  if (spaces.length) await kubectl(['delete', '--wait=false', ...spaces]);
  await kubectl(['delete', '--ignore-not-found', 'accounts.config.kiosk.sh', f.devAccount, f.dbaAccount, f.adminAccount]);
  await kubectl(['delete', '--ignore-not-found', 'templates.config.kiosk.sh', f.template, f.optionalTemplate]);
  await kubectl(['delete', '--ignore-not-found', 'clusterrolebinding', `${f.id}-kiosk-edit`]);
}

export async function namespaceExists(name: string): Promise<boolean> {
  const r = await kubectl(['get', 'namespace', name, '-o', 'jsonpath={.status.phase}']);
  return r.code === 0;
}
