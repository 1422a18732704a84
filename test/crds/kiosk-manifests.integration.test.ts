import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '@/scripts/lib/paths';
import { eventually, kubectl, kubectlJson, kubectlOk, uniqueName } from '@/test/support/kubectl';

// The config.kiosk.sh CRDs and the shipped ClusterRoles must take Kiosk users' manifests
// unchanged. Object names get a per-run suffix (files share the cluster); nothing else is edited.

const crdDir = path.join(root, 'deploy/chart/crds');
const clusterRoles = path.join(root, 'deploy/chart/templates/clusterroles.yaml');
const walkthrough = (file: string) => readFileSync(path.join(root, 'e2e/fixtures/walkthrough', file), 'utf8');
const crds = ['accounts', 'accountquotas', 'templates', 'templateinstances'].map((p) => `${p}.config.kiosk.sh`);

// From the Kiosk README (v0.2.11) and its examples/ folder.
const readme = {
  'account.yaml': `apiVersion: tenancy.kiosk.sh/v1alpha1
kind: Account
metadata:
  name: johns-account
spec:
  subjects:
  - kind: User
    name: john
    apiGroup: rbac.authorization.k8s.io
`,
  'account-sa.yaml': `apiVersion: tenancy.kiosk.sh/v1alpha1
kind: Account
metadata:
  name: johns-account
spec:
  subjects:
  - kind: ServiceAccount
    name: john
    namespace: kiosk
`,
  'account-deletable-spaces.yaml': `apiVersion: tenancy.kiosk.sh/v1alpha1
kind: Account
metadata:
  name: johns-account-deletable-spaces
spec:
  space: 
    clusterRole: kiosk-space-admin
  subjects:
  - kind: User
    name: john
    apiGroup: rbac.authorization.k8s.io
`,
  'account-default-space-metadata.yaml': `apiVersion: tenancy.kiosk.sh/v1alpha1
kind: Account
metadata:
  name: johns-account-default-space-metadata
spec:
  space: 
    clusterRole: kiosk-space-admin
    spaceTemplate:
      metadata:
        labels:
          some-label: "label-value"
          some--other-label: "other-label-value"
        annotations:
          "space-annotation-1": "annotation-value-1"
          "space-annotation-2": "annotation-value-2"
  subjects:
  - kind: User
    name: john
    apiGroup: rbac.authorization.k8s.io
`,
  'account-space-limit.yaml': `apiVersion: tenancy.kiosk.sh/v1alpha1
kind: Account
metadata:
  name: johns-account
spec:
  space:
    limit: 2
  subjects:
  - kind: User
    name: john
    apiGroup: rbac.authorization.k8s.io
`,
  'account-default-template.yaml': `apiVersion: tenancy.kiosk.sh/v1alpha1
kind: Account
metadata:
  name: johns-account-deletable-spaces
spec:
  space:
    clusterRole: kiosk-space-admin
    templateInstances:
    - spec:
        template: space-restrictions
        # You can also use parameters here
        # parameters:
        # - name: DEFAULT_CPU_REQUESTS
        #   value: "1"
  subjects:
  - kind: User
    name: john
    apiGroup: rbac.authorization.k8s.io
`,
  'accountquota.yaml': `apiVersion: config.kiosk.sh/v1alpha1
kind: AccountQuota
metadata:
  name: default-user-limits
spec:
  account: johns-account
  quota:
    hard:
      pods: "2"
      limits.cpu: "4"
`,
  'template-manifests.yaml': `apiVersion: config.kiosk.sh/v1alpha1
kind: Template
metadata:
  name: space-restrictions
# This section defines parameters that can be used for this template
# Can be used in resources.manifests and resources.helm.values
parameters:
  # Name of the parameter
  - name: DEFAULT_CPU_LIMIT
    # The default value of the parameter
    value: "1"
  - name: DEFAULT_CPU_REQUESTS
    value: "0.5"
    # If a parameter is required the template instance will need to set it
    # required: true
    # Make sure only values are entered for this parameter
    validation: "^[0-9]*\\\\.?[0-9]+$"
resources:
  manifests:
    - apiVersion: v1
      kind: LimitRange
      metadata:
        name: space-limit-range
        annotations: 
          # Parameters can also be used inside a string
          # with \${namespace.metadata.annotations.myAnnotation}
          example-parameter: "Hello from \${namespace} - \${WILL_NOT_BE_REPLACED}"
      spec:
        limits:
          - default:
              # Use the DEFAULT_CPU_LIMIT parameter here and
              # parse it as json, which renders the "1" as 1. 
              cpu: "\${{DEFAULT_CPU_LIMIT}}"
            defaultRequest:
              cpu: "\${{DEFAULT_CPU_REQUESTS}}"
            type: Container
`,
  'template-manifests.yaml (README inline)': `apiVersion: config.kiosk.sh/v1alpha1
kind: Template
metadata:
  name: space-restrictions
resources:
  manifests:
  - kind: NetworkPolicy
    apiVersion: networking.k8s.io/v1
    metadata:
      name: deny-cross-ns-traffic
    spec:
      podSelector:
        matchLabels:
      ingress:
      - from:
        - podSelector: {}
  - apiVersion: v1
    kind: LimitRange
    metadata:
      name: space-limit-range
    spec:
      limits:
      - default:
          cpu: 1
        defaultRequest:
          cpu: 0.5
        type: Container
`,
  'template-helm.yaml': `apiVersion: config.kiosk.sh/v1alpha1
kind: Template
metadata:
  name: redis
resources:
  helm:
    releaseName: redis
    chart:
      repository:
        name: redis
        repoUrl: https://charts.bitnami.com/bitnami
    values: |
      redisPort: 6379
      # Use a predefined parameter here
      myOtherValue: \${NAMESPACE}
`,
  'template-instance.yaml': `apiVersion: config.kiosk.sh/v1alpha1
kind: TemplateInstance
metadata:
  name: redis-instance
spec:
  template: redis
`,
  'template-instance-sync.yaml': `apiVersion: config.kiosk.sh/v1alpha1
kind: TemplateInstance
metadata:
  name: space-restrictions-instance-sync
spec:
  template: space-restrictions
  sync: true
  parameters:
  - name: DEFAULT_CPU_REQUESTS
    value: "1"
`,
};

const run = uniqueName('crds');
const ns = run;
/** Per-run names; `set` keeps the README's and the walkthrough's same-named objects apart. */
const rename = (name: string, set = 'x') => `${name}-${set}-${run}`;
const applied = new Set<string>();

/**
 * Gives the object (and what it references) this run's names; nothing else changes but,
 * for Accounts, the apiVersion:
 * Kiosk's README posts Accounts to tenancy.kiosk.sh, the aggregated view that stores them as
 * config.kiosk.sh Accounts; until that API is served, the same body goes to config.kiosk.sh.
 */
function prepare(text: string, set: string): { yaml: string; obj: any } {
  const doc = parseDocument(text);
  const own = (name: unknown) => `${String(name)}-${set}-${run}`;
  doc.setIn(['metadata', 'name'], own(doc.getIn(['metadata', 'name'])));
  const kind = String(doc.get('kind'));
  if (kind === 'Account') {
    doc.set('apiVersion', 'config.kiosk.sh/v1alpha1');
    const tis = (doc.toJS().spec?.space?.templateInstances ?? []) as unknown[];
    tis.forEach((_, i) => {
      const p = ['spec', 'space', 'templateInstances', i, 'spec', 'template'];
      doc.setIn(p, own(doc.getIn(p)));
    });
  }
  if (kind === 'AccountQuota') doc.setIn(['spec', 'account'], own(doc.getIn(['spec', 'account'])));
  if (kind === 'TemplateInstance') doc.setIn(['spec', 'template'], own(doc.getIn(['spec', 'template'])));
  return { yaml: doc.toString(), obj: doc.toJS() };
}

const resourceOf: Record<string, string> = {
  Account: 'accounts.config.kiosk.sh',
  AccountQuota: 'accountquotas.config.kiosk.sh',
  Template: 'templates.config.kiosk.sh',
  TemplateInstance: 'templateinstances.config.kiosk.sh',
};

/** kubectl apply (strict field validation, kubectl's default) and read the object back. */
async function applyAndGet(text: string, set = 'x'): Promise<{ sent: any; got: any }> {
  const { yaml, obj } = prepare(text, set);
  const resource = resourceOf[obj.kind as string];
  if (!resource) throw new Error(`unexpected kind ${obj.kind}`);
  const nsArgs = obj.kind === 'TemplateInstance' ? ['-n', ns] : [];
  if (!nsArgs.length) applied.add(`${resource}/${obj.metadata.name}`);
  await kubectlOk(['apply', ...nsArgs, '-f', '-'], yaml);
  const got = await kubectlJson([...nsArgs, 'get', resource, obj.metadata.name]);
  return { sent: obj, got };
}

/** kubectl apply treats `key: null` as "remove key" (the API server would keep it). */
const dropNulls = (v: any): any =>
  Array.isArray(v) ? v.map(dropNulls)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, dropNulls(x)]))
  : v;

/** Everything but apiVersion, kind, metadata and status: what the schema could prune. */
const body = (o: any) => dropNulls(Object.fromEntries(Object.entries(o).filter(([k]) => !['apiVersion', 'kind', 'metadata', 'status'].includes(k))));

/** Asks the API server directly: kubectl auth can-i cannot name a resource that is not served yet. */
async function allowed(user: string, resourceAttributes: Record<string, string>): Promise<boolean> {
  const review = { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user, resourceAttributes } };
  return JSON.parse(await kubectlOk(['create', '-o', 'json', '-f', '-'], JSON.stringify(review))).status.allowed === true;
}

beforeAll(async () => {
  // CRDs are cluster-wide and shared by every test file; apply is idempotent.
  await kubectlOk(['apply', '-f', crdDir]);
  await kubectlOk(['wait', '--for=condition=Established', '--timeout=60s', ...crds.map((c) => `crd/${c}`)]);
  await kubectlOk(['apply', '-f', clusterRoles]);
  await kubectlOk(['create', 'namespace', ns]);
  // Discovery of the new group can lag Established by a moment.
  await eventually(async () => (await kubectl(['get', 'templateinstances.config.kiosk.sh', '-n', ns])).code === 0, 'config.kiosk.sh served');
});

afterAll(async () => {
  for (const ref of applied) await kubectl(['delete', ref, '--ignore-not-found', '--wait=false']);
  await kubectl(['delete', 'clusterrolebinding', rename('kiosk-edit'), '--ignore-not-found']);
  await kubectl(['delete', 'namespace', ns, '--wait=false']);
});

describe('Kiosk README manifests', () => {
  it.each(Object.keys(readme).filter((k) => !k.startsWith('template-instance')))('%s is accepted and read back unpruned', async (file) => {
    const { sent, got } = await applyAndGet(readme[file as keyof typeof readme], file.includes('inline') ? 'ri' : 'r');
    expect(got.apiVersion).toBe('config.kiosk.sh/v1alpha1');
    expect(body(got)).toEqual(body(sent));
  });

  it.each(['template-instance.yaml', 'template-instance-sync.yaml'] as const)('%s is accepted in a namespace', async (file) => {
    const { sent, got } = await applyAndGet(readme[file], 'r');
    expect(got.metadata.namespace).toBe(ns);
    expect(got.spec).toEqual(sent.spec);
  });
});

describe('walkthrough manifests', () => {
  it.each(['node-account.yml', 'redis-account.yml', 'template-definition.yml', 'node-account-limit.yml', 'redis-account-template.yml', 'node-quota.yml'])(
    '%s is accepted and read back unpruned',
    async (file) => {
      const { sent, got } = await applyAndGet(walkthrough(file), 'w');
      expect(body(got)).toEqual(body(sent));
    },
  );

  it('keeps the LimitRange numbers of template-definition.yml as numbers', async () => {
    const { got } = await applyAndGet(walkthrough('template-definition.yml'), 'w');
    expect(got.resources.manifests[0].spec.limits[0]).toEqual({ default: { cpu: 1 }, defaultRequest: { cpu: 0.5 }, type: 'Container' });
  });

  it('has RBAC and workload manifests the API server accepts as written', async () => {
    await kubectlOk(['apply', '--dry-run=server', '-f', '-'], walkthrough('cluster-role-binding.yml'));
    await kubectlOk(['apply', '--dry-run=server', '-n', ns, '-f', '-'], walkthrough('node-deployment.yml'));
  });

  it.each(['node-space.yml', 'redis-space.yml', 'redis-mandatory-space.yml'])('%s is a tenancy.kiosk.sh Space of an account', (file) => {
    const space = parseDocument(walkthrough(file)).toJS();
    expect(space).toMatchObject({ apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space', spec: { account: expect.stringMatching(/-account$/) } });
  });
});

describe('schema', () => {
  it('takes every Account field, including Atrium opt-ins and an empty clusterRole', async () => {
    const { sent, got } = await applyAndGet(`apiVersion: config.kiosk.sh/v1alpha1
kind: Account
metadata:
  name: full-account
spec:
  subjects:
  - {kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}
  - {kind: ServiceAccount, name: ci, namespace: tools}
  space:
    limit: 0
    clusterRole: ""
    deleteSpacesOnAccountDeletion: true
    spaceTemplate:
      metadata:
        labels: {team: a}
        annotations: {owner: b}
    templateInstances:
    - metadata:
        name: restrictions
        labels: {tier: base}
        annotations: {templateinstance.config.kiosk.sh/no-owner: "true"}
      spec:
        template: space-restrictions
        sync: true
        parameters:
        - {name: DEFAULT_CPU_REQUESTS, value: "1"}
`);
    expect(body(got)).toEqual(body(sent));
  });

  it('takes a full Helm template and parameters in label values', async () => {
    const { sent, got } = await applyAndGet(`apiVersion: config.kiosk.sh/v1alpha1
kind: Template
metadata:
  name: full-template
parameters:
- {name: TEAM, required: true, validation: "^[a-z]+$"}
- {name: REPLICAS, value: "1"}
resources:
  manifests:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: team-\${TEAM}
      labels: {team: "\${NAMESPACE.METADATA.LABELS.team}", account: "\${ACCOUNT}"}
    data: {replicas: "\${{REPLICAS}}"}
  helm:
    releaseName: cache
    chart:
      repository:
        name: redis
        version: 17.0.0
        repoUrl: https://charts.example.com
        username: {name: repo-auth, namespace: kiosk, key: user}
        password: {name: repo-auth, namespace: kiosk, key: pass}
    values: "replicas: \${{REPLICAS}}"
    setValues:
    - {name: auth.enabled, value: "false"}
    - {name: image.tag, value: "7", forceString: true}
`);
    expect(body(got)).toEqual(body(sent));
  });

  it('takes quantities as strings or numbers, with scopes, and rejects a non-quantity', async () => {
    const quota = (hard: string) => `apiVersion: config.kiosk.sh/v1alpha1
kind: AccountQuota
metadata:
  name: scoped-quota
spec:
  account: johns-account
  quota:
    hard: ${hard}
    scopes: [NotBestEffort]
    scopeSelector:
      matchExpressions:
      - {scopeName: PriorityClass, operator: In, values: [high]}
`;
    const { sent, got } = await applyAndGet(quota('{pods: 10, requests.memory: 1Gi, count/deployments.apps: "5"}'));
    expect(body(got)).toEqual(body(sent));
    const bad = await kubectl(['apply', '-f', '-'], prepare(quota('{pods: ten}'), 'x').yaml);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('spec.quota.hard.pods');
  });

  it('rejects fields Kiosk did not have, as Kiosk did', async () => {
    const r = await kubectl(['apply', '-f', '-'], prepare(`apiVersion: config.kiosk.sh/v1alpha1
kind: Account
metadata:
  name: old-style
spec:
  spaceLimit: 2
`, 'x').yaml);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/unknown field "spec.spaceLimit"/);
  });

  it('stores the status the controller writes', async () => {
    // Server-side dry run: the schema prunes exactly as for a real write, and the running
    // controller, which owns these statuses, is not raced.
    const patchStatus = async (resource: string, name: string, status: unknown) =>
      (await kubectlJson(['patch', resource, name, '--subresource=status', '--type=merge', '--dry-run=server', '-p', JSON.stringify({ status })])).status;

    const quota = (await applyAndGet(readme['accountquota.yaml'], 'r')).sent.metadata.name;
    const quotaStatus = {
      total: { hard: { pods: '2', 'limits.cpu': '4' }, used: { pods: '1', 'limits.cpu': '500m' } },
      namespaces: [{ namespace: 'johns-space', status: { hard: { pods: '2' }, used: { pods: '1', 'limits.cpu': '500m' } } }],
    };
    expect(await patchStatus('accountquotas.config.kiosk.sh', quota, quotaStatus)).toEqual(quotaStatus);

    const account = (await applyAndGet(readme['account.yaml'], 'r')).sent.metadata.name;
    const accountStatus = { namespaces: [{ name: 'johns-space' }], spaceReservations: [{ space: 'space-2', expiresAt: '2030-01-02T03:04:05.000Z' }] };
    expect(await patchStatus('accounts.config.kiosk.sh', account, accountStatus)).toEqual(accountStatus);

    const ti = (await applyAndGet(readme['template-instance.yaml'], 'r')).sent.metadata.name;
    const tiStatus = { status: 'Failed', reason: 'TemplateNotFound', message: 'template not found', templateResourceVersion: '42', templateManifests: 'kind: LimitRange', observedAt: '2024-01-02T03:04:05Z' };
    expect((await kubectlJson(['patch', '-n', ns, 'templateinstances.config.kiosk.sh', ti, '--subresource=status', '--type=merge', '--dry-run=server', '-p', JSON.stringify({ status: tiStatus })])).status).toEqual(tiStatus);
  });
});

describe('immutability', () => {
  it('rejects moving an AccountQuota to another account', async () => {
    const { sent } = await applyAndGet(readme['accountquota.yaml'], 'r');
    const r = await kubectl(['patch', 'accountquotas.config.kiosk.sh', sent.metadata.name, '--type=merge', '-p', '{"spec":{"account":"someone-else"}}']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('spec.account is immutable: delete and recreate the AccountQuota to move it to another account');
    // Other edits of the quota still go through (kiosk issue 142).
    await kubectlOk(['patch', 'accountquotas.config.kiosk.sh', sent.metadata.name, '--type=merge', '-p', '{"spec":{"quota":{"hard":{"pods":"3"}}}}']);
  });

  it('rejects changing the template of a TemplateInstance', async () => {
    const { sent } = await applyAndGet(readme['template-instance.yaml'], 'r');
    const r = await kubectl(['patch', '-n', ns, 'templateinstances.config.kiosk.sh', sent.metadata.name, '--type=merge', '-p', '{"spec":{"template":"other"}}']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('spec.template is immutable');
  });
});

describe('kubectl get and explain', () => {
  const table = async (args: string[]) => (await kubectlOk(['get', ...args])).trim().split('\n').map((l) => l.trim().split(/\s{2,}/));

  it('shows LIMIT for accounts', async () => {
    const name = (await applyAndGet(walkthrough('node-account-limit.yml'), 'w')).sent.metadata.name;
    const [header, row] = await table(['accounts.config.kiosk.sh', name]);
    expect(header).toEqual(['NAME', 'LIMIT', 'AGE']);
    expect(row?.slice(0, 2)).toEqual([name, '2']);
  });

  it('shows ACCOUNT for accountquotas', async () => {
    const { sent } = await applyAndGet(walkthrough('node-quota.yml'), 'w');
    const [header, row] = await table(['accountquotas.config.kiosk.sh', sent.metadata.name]);
    expect(header).toEqual(['NAME', 'ACCOUNT', 'AGE']);
    expect(row?.slice(0, 2)).toEqual([sent.metadata.name, sent.spec.account]);
  });

  it('shows TEMPLATE and STATUS for templateinstances', async () => {
    const { sent } = await applyAndGet(readme['template-instance-sync.yaml'], 'r');
    await kubectlOk(['patch', '-n', ns, 'templateinstances.config.kiosk.sh', sent.metadata.name, '--subresource=status', '--type=merge', '-p',
      JSON.stringify({ status: { status: 'Deployed', templateResourceVersion: '42', templateManifests: 'kind: LimitRange', observedAt: '2024-01-02T03:04:05Z' } })]);
    const get = ['-n', ns, 'templateinstances.config.kiosk.sh', sent.metadata.name];
    // The controller may rewrite the status meanwhile; the column must show whatever is stored.
    const [header, row] = await eventually(async () => {
      const [t, o] = await Promise.all([table(get), kubectlJson(['get', ...get])]);
      return t[1]?.[2] === o.status?.status && t;
    }, 'STATUS column matching .status.status');
    expect(header).toEqual(['NAME', 'TEMPLATE', 'STATUS', 'AGE']);
    expect(row?.slice(0, 2)).toEqual([sent.metadata.name, sent.spec.template]);
  });

  it('explains accounts.spec.space', async () => {
    const out = await kubectlOk(['explain', 'accounts.spec.space', '--api-version=config.kiosk.sh/v1alpha1']);
    for (const field of ['limit', 'clusterRole', 'templateInstances', 'spaceTemplate', 'deleteSpacesOnAccountDeletion']) expect(out).toContain(field);
    expect(out).toMatch(/spaces are kept/i);
  });

  it('explains templates.resources, a top-level field', async () => {
    const out = await kubectlOk(['explain', 'templates.resources', '--api-version=config.kiosk.sh/v1alpha1']);
    expect(out).toContain('manifests');
    expect(out).toContain('helm');
  });
});

describe('ClusterRoles', () => {
  it('aggregates admin and kiosk-namespace-delete into kiosk-space-admin', async () => {
    const rules = await eventually(async () => {
      const r = (await kubectlJson(['get', 'clusterrole', 'kiosk-space-admin'])).rules as { apiGroups?: string[]; resources?: string[]; verbs: string[] }[] | null;
      const has = (group: string, resource: string, verb: string) =>
        (r ?? []).some((x) => x.apiGroups?.includes(group) && x.resources?.includes(resource) && x.verbs.includes(verb));
      return has('', 'namespaces', 'delete') && has('rbac.authorization.k8s.io', 'rolebindings', 'create') && has('apps', 'deployments', 'create') && r;
    }, 'kiosk-space-admin aggregated rules');
    expect(rules.length).toBeGreaterThan(3);
  });

  it('lets a kiosk-space-admin RoleBinding delete its own namespace only', async () => {
    const user = rename('space-admin');
    await kubectlOk(['create', 'rolebinding', 'space-admin', '-n', ns, '--clusterrole=kiosk-space-admin', `--user=${user}`]);
    const can = async (...args: string[]) => (await kubectl(['auth', 'can-i', ...args, `--as=${user}`])).stdout.trim();
    await eventually(async () => (await can('delete', `namespace/${ns}`, '-n', ns)) === 'yes', 'namespace delete allowed');
    expect(await can('create', 'deployments.apps', '-n', ns)).toBe('yes');
    expect(await can('delete', 'namespace/default', '-n', 'default')).toBe('no');
  });

  it('lets kiosk-edit create, update and patch spaces and read accounts', async () => {
    const user = rename('creator');
    await kubectlOk(['create', 'clusterrolebinding', rename('kiosk-edit'), '--clusterrole=kiosk-edit', `--user=${user}`]);
    const can = (verb: string, resource: string, group = 'tenancy.kiosk.sh') => allowed(user, { verb, resource, group });
    await eventually(() => can('create', 'spaces'), 'binding in effect');
    for (const verb of ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']) expect(await can(verb, 'spaces'), verb).toBe(true);
    expect(await can('list', 'accounts')).toBe(true);
    expect(await can('create', 'accounts')).toBe(false);
    expect(await can('create', 'namespaces', '')).toBe(false);
  });
});
