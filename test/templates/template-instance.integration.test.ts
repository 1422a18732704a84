import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmBin } from '@/scripts/lib/paths';
import { decodeTemplateManifests } from '@/server/controller/templates/template-manifests';
import { eventually, kubectl, kubectlJson, kubectlOk, uniqueName } from '@/test/support/kubectl';

// The TemplateInstance reconciler against the real dev cluster and the running controller: rendering, applying,
// owners, sync, failures, helm, and the mandatory templates of an account's spaces.

type Obj = Record<string, any>;
const cleanup: string[][] = [];
const apply = (...objects: Obj[]) => kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
const get = (args: string[]) => kubectlJson<Obj>(['get', ...args]);
const tryGet = async (args: string[]) => {
  const r = await kubectl(['get', ...args, '-o', 'json']);
  return r.code === 0 ? (JSON.parse(r.stdout) as Obj) : undefined;
};

async function namespace(prefix = 'ti'): Promise<string> {
  const ns = uniqueName(prefix);
  await kubectlOk(['create', 'namespace', ns]);
  cleanup.push(['delete', 'namespace', ns, '--wait=false']);
  return ns;
}

function template(name: string, manifests: Obj[], parameters: Obj[] = [], extra: Obj = {}): Obj {
  cleanup.push(['delete', 'template', name, '--wait=false']);
  return { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Template', metadata: { name }, resources: { manifests, ...extra }, parameters };
}

function instance(ns: string, name: string, tpl: string, spec: Obj = {}, annotations?: Record<string, string>): Obj {
  return { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'TemplateInstance', metadata: { name, namespace: ns, annotations }, spec: { template: tpl, ...spec } };
}

const limitRange = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' } }] } };
const configMap = (name: string, data: Obj) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

/** Waits until the instance reaches `status` (and `until`, when given); returns it. */
function settled(ns: string, name: string, status: 'Deployed' | 'Failed', until: (ti: Obj) => boolean = () => true): Promise<Obj> {
  return eventually(async () => {
    const ti = await get(['templateinstance', name, '-n', ns]);
    return ti.status?.status === status && until(ti) ? ti : undefined;
  }, `TemplateInstance ${ns}/${name} ${status}`);
}

const ownerOf = (obj: Obj) => obj.metadata.ownerReferences?.map((o: Obj) => `${o.kind}/${o.name}/${o.uid}`) ?? [];

afterAll(async () => {
  for (const args of cleanup.reverse()) await kubectl([...args, '--ignore-not-found']);
});

describe('TemplateInstance', () => {
  it('renders parameters and ${NAMESPACE}, applies owned objects and records what it applied', async () => {
    const ns = await namespace();
    const tpl = uniqueName('tpl');
    await apply(template(tpl, [limitRange, configMap('app-config', { namespace: '${NAMESPACE}', size: '${SIZE}' })], [{ name: 'SIZE', value: 'small', validation: '^(small|large)$' }]));
    await apply(instance(ns, 'app', tpl, { parameters: [{ name: 'SIZE', value: 'large' }] }));
    const ti = await settled(ns, 'app', 'Deployed');
    const t = await get(['template', tpl]);

    expect(ti.status.templateResourceVersion).toBe(t.metadata.resourceVersion);
    expect(ti.status.observedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const cm = await get(['configmap', 'app-config', '-n', ns]);
    expect(cm.data).toEqual({ namespace: ns, size: 'large' });
    const owner = [`TemplateInstance/app/${ti.metadata.uid}`];
    expect(ownerOf(cm)).toEqual(owner);
    expect(cm.metadata.ownerReferences[0].controller).toBe(true);
    expect(ownerOf(await get(['limitrange', 'limits', '-n', ns]))).toEqual(owner);
    // Kiosk's format: gzip + base64 of the applied YAML documents.
    expect(Buffer.from(ti.status.templateManifests, 'base64').subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(decodeTemplateManifests(ti.status.templateManifests).map((o) => `${o.kind}/${(o.metadata as Obj).name}`)).toEqual(['LimitRange/limits', 'ConfigMap/app-config']);
  });

  it('with sync re-applies a changed Template (deletes, updates, keeps fields of others); without sync it does not', async () => {
    const [synced, unsynced] = [await namespace(), await namespace()];
    const tpl = uniqueName('tpl');
    await apply(template(tpl, [limitRange, configMap('app-config', { mode: 'v1', dropped: 'x' })]));
    await apply(instance(synced, 'app', tpl, { sync: true }), instance(unsynced, 'app', tpl));
    const before = await settled(synced, 'app', 'Deployed');
    await settled(unsynced, 'app', 'Deployed');
    for (const ns of [synced, unsynced]) {
      await kubectlOk(['label', 'configmap', 'app-config', '-n', ns, 'someone=else']);
      await kubectlOk(['patch', 'configmap', 'app-config', '-n', ns, '--type=merge', '-p', '{"data":{"theirs":"kept"}}']);
    }

    await apply(template(tpl, [configMap('app-config', { mode: 'v2' })]));
    const t = await get(['template', tpl]);
    const after = await settled(synced, 'app', 'Deployed', (ti) => ti.status.templateResourceVersion === t.metadata.resourceVersion);
    expect(after.status.observedAt >= before.status.observedAt).toBe(true);
    expect(after.status.message).toContain('deleted LimitRange');
    const cm = await get(['configmap', 'app-config', '-n', synced]);
    expect(cm.data).toEqual({ mode: 'v2', theirs: 'kept' });
    expect(cm.metadata.labels).toEqual({ someone: 'else' });
    expect(await tryGet(['limitrange', 'limits', '-n', synced])).toBeUndefined();

    const still = await get(['templateinstance', 'app', '-n', unsynced]);
    expect(still.status.templateResourceVersion).not.toBe(t.metadata.resourceVersion);
    expect((await get(['configmap', 'app-config', '-n', unsynced])).data).toEqual({ mode: 'v1', dropped: 'x', theirs: 'kept' });
    expect(await tryGet(['limitrange', 'limits', '-n', unsynced])).toBeDefined();
  });

  it('re-applies a synced instance whose parameters changed', async () => {
    const ns = await namespace();
    const tpl = uniqueName('tpl');
    await apply(template(tpl, [configMap('app-config', { size: '${SIZE}' })], [{ name: 'SIZE', value: 'small' }]));
    await apply(instance(ns, 'app', tpl, { sync: true }));
    await settled(ns, 'app', 'Deployed');
    await kubectlOk(['patch', 'templateinstance', 'app', '-n', ns, '--type=merge', '-p', '{"spec":{"parameters":[{"name":"SIZE","value":"huge"}]}}']);
    await eventually(async () => (await get(['configmap', 'app-config', '-n', ns])).data.size === 'huge', 'the new parameter value');
  });

  it('sets no owner references with the no-owner annotation', async () => {
    const ns = await namespace();
    const tpl = uniqueName('tpl');
    await apply(template(tpl, [configMap('free', { a: '1' })]));
    await apply(instance(ns, 'app', tpl, {}, { 'templateinstance.config.kiosk.sh/no-owner': 'true' }));
    await settled(ns, 'app', 'Deployed');
    expect((await get(['configmap', 'free', '-n', ns])).metadata.ownerReferences).toBeUndefined();
  });

  it('makes the Template the owner of a cluster-scoped object', async () => {
    const ns = await namespace();
    const tpl = uniqueName('tpl');
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: '${NAMESPACE}-reader' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] };
    await apply(template(tpl, [role]));
    cleanup.push(['delete', 'clusterrole', `${ns}-reader`]);
    await apply(instance(ns, 'app', tpl));
    await settled(ns, 'app', 'Deployed');
    const t = await get(['template', tpl]);
    expect(ownerOf(await get(['clusterrole', `${ns}-reader`]))).toEqual([`Template/${tpl}/${t.metadata.uid}`]);
  });

  describe('bad templates end Failed, naming the object', () => {
    const deep = (n: number): Obj => (n === 0 ? { leaf: 'x' } : { a: deep(n - 1) });
    const big = 'x'.repeat(100 * 1024);
    it.each<[string, Obj[], Obj[], string, RegExp]>([
      ['an object without a name', [limitRange, { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }], [], 'ErrorConvertingManifest', /^manifests\[1\] \(ConfigMap\): metadata\.name is missing/],
      ['an unknown kind', [{ apiVersion: 'example.com/v1', kind: 'Foo', metadata: { name: 'foo' } }], [], 'FindObjectMapping', /^manifests\[0\] \(Foo foo\): no resource for kind Foo in apiVersion example\.com\/v1: /],
      ['another namespace', [{ ...configMap('elsewhere', {}), metadata: { name: 'elsewhere', namespace: 'kube-system' } }], [], 'ErrorConvertingManifest', /^manifests\[0\] \(ConfigMap elsewhere\): metadata\.namespace is "kube-system"/],
      ['too many objects', Array.from({ length: 501 }, (_, i) => configMap(`c${i}`, {})), [], 'TemplateTooLarge', /501 manifests; at most 500/],
      ['too large once rendered', [configMap('huge', Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, '${BIG}'])))], [{ name: 'BIG', value: big }], 'TemplateTooLarge', /^manifests\[0\] \(ConfigMap huge\): the rendered template exceeds 2 MiB/],
      ['too deeply nested', [{ ...configMap('deep', {}), extra: deep(70) }], [], 'TemplateTooLarge', /^manifests\[0\]: nested more than 64 levels deep/],
      ['a missing required parameter', [configMap('p', { v: '${NEEDED}' })], [{ name: 'NEEDED', required: true }], 'ErrorValidatingParameters', /missing required parameter 'NEEDED'/],
    ])('%s', async (_, manifests, parameters, reason, message) => {
      const ns = await namespace('tibad');
      const tpl = uniqueName('tpl');
      await apply(template(tpl, manifests, parameters));
      await apply(instance(ns, 'bad', tpl));
      const ti = await settled(ns, 'bad', 'Failed');
      expect(ti.status.reason).toBe(reason);
      expect(ti.status.message).toMatch(message);
      expect((await get(['configmaps,limitranges', '-n', ns])).items.filter((o: Obj) => o.metadata.name !== 'kube-root-ca.crt')).toEqual([]);
    });

    it('a missing Template', async () => {
      const ns = await namespace('tibad');
      await apply(instance(ns, 'bad', 'no-such-template-anywhere'));
      const ti = await settled(ns, 'bad', 'Failed');
      expect(ti.status).toMatchObject({ reason: 'TemplateNotFound', message: "The specified template 'no-such-template-anywhere' couldn't be found." });
    });

    it('an object the API server forbids, after others were applied: they stay owned and the message says so', async () => {
      const ns = await namespace('tibad');
      const policy = uniqueName('atrium-test-deny');
      cleanup.push(['delete', 'validatingadmissionpolicybinding', policy], ['delete', 'validatingadmissionpolicy', policy]);
      await apply(
        {
          apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: policy },
          spec: {
            failurePolicy: 'Fail',
            matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['configmaps'] }] },
            validations: [{ expression: "object.metadata.name != 'forbidden'", reason: 'Forbidden', message: 'no forbidden ConfigMaps here' }],
          },
        },
        {
          apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: policy },
          spec: { policyName: policy, validationActions: ['Deny'], matchResources: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } } },
        },
      );
      await eventually(async () => {
        const r = await kubectl(['create', 'configmap', 'forbidden', '-n', ns, '--dry-run=server']);
        return r.code !== 0 && r.stderr.includes('no forbidden ConfigMaps here');
      }, 'the admission policy to be active');

      const tpl = uniqueName('tpl');
      await apply(template(tpl, [limitRange, configMap('forbidden', {}), configMap('after', {})]));
      await apply(instance(ns, 'bad', tpl));
      const ti = await settled(ns, 'bad', 'Failed');
      expect(ti.status.reason).toBe('ApplyManifests');
      expect(ti.status.message).toMatch(/^manifests\[1\] \(ConfigMap forbidden\): configmaps "forbidden" is forbidden: .*no forbidden ConfigMaps here/);
      expect(ti.status.message).toMatch(/; applied before the failure: manifests\[0\] \(LimitRange limits\) (created|updated);/); // updated: a concurrent attempt (another replica) created it first
      expect(ti.status.message).toContain('not applied: manifests[2] (ConfigMap after)');
      expect(ownerOf(await get(['limitrange', 'limits', '-n', ns]))).toEqual([`TemplateInstance/bad/${ti.metadata.uid}`]);
      expect(decodeTemplateManifests(ti.status.templateManifests).map((o) => o.kind)).toEqual(['LimitRange']);
      expect(await tryGet(['configmap', 'after', '-n', ns])).toBeUndefined();
    });
  });

  describe('helm', () => {
    let server: Server;
    let repoUrl: string;
    let dir: string;
    const group = `${uniqueName('w')}.atrium.example.com`;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'atrium-chart-'));
      const chart = path.join(dir, 'atrium-test');
      await mkdir(path.join(chart, 'templates'), { recursive: true });
      await mkdir(path.join(chart, 'crds'), { recursive: true });
      await writeFile(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: atrium-test\nversion: 0.1.0\n');
      await writeFile(path.join(chart, 'values.yaml'), 'greeting: hello\n');
      await writeFile(path.join(chart, 'templates', 'configmap.yaml'), [
        'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: {{ .Release.Name }}-greeting', '  namespace: {{ .Release.Namespace }}',
        'data:', '  greeting: {{ .Values.greeting | quote }}', '',
      ].join('\n'));
      await writeFile(path.join(chart, 'crds', 'widgets.yaml'), JSON.stringify({
        apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `widgets.${group}` },
        spec: { group, scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
      }));
      await writeFile(path.join(chart, 'templates', 'widget.yaml'), `apiVersion: ${group}/v1\nkind: Widget\nmetadata:\n  name: {{ .Release.Name }}-widget\nspec:\n  size: 3\n`);
      const files = path.join(dir, 'repo');
      await mkdir(files);
      await promisify(execFile)(helmBin, ['package', chart, '-d', files]);
      server = createServer((req, res) => {
        readFile(path.join(files, path.basename(req.url ?? ''))).then((b) => res.end(b), () => res.writeHead(404).end());
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      repoUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      await promisify(execFile)(helmBin, ['repo', 'index', files, '--url', repoUrl]);
      cleanup.push(['delete', 'crd', `widgets.${group}`]);
      // The chart gives the controller only the kinds listed in controller.templateResources;
      // an admin whose templates install CRDs grants that, as done here.
      await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `${group}-templates` },
          rules: [{ apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
            { apiGroups: [group], resources: ['*'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }] },
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `${group}-templates` },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${group}-templates` },
          subjects: [{ kind: 'ServiceAccount', name: 'atrium-controller', namespace: 'kiosk' }] },
      ] }));
      cleanup.push(['delete', 'clusterrole,clusterrolebinding', `${group}-templates`]);
    });
    afterAll(async () => {
      server?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('renders the chart with substituted values and applies its documents, CRDs included', async () => {
      const ns = await namespace();
      const tpl = uniqueName('tpl');
      const helm = { releaseName: 'web', chart: { repository: { name: 'atrium-test', version: '0.1.0', repoUrl } }, values: 'greeting: "hi from ${NAMESPACE} ${WHO}"\n' };
      await apply({ ...template(tpl, [], [{ name: 'WHO', value: 'nobody' }]), resources: { helm } });
      await apply(instance(ns, 'chart', tpl, { parameters: [{ name: 'WHO', value: 'helm' }] }));
      const ti = await settled(ns, 'chart', 'Deployed');
      const cm = await get(['configmap', 'web-greeting', '-n', ns]);
      expect(cm.data).toEqual({ greeting: `hi from ${ns} helm` });
      expect(ownerOf(cm)).toEqual([`TemplateInstance/chart/${ti.metadata.uid}`]);
      expect((await get([`widgets.${group}`, 'web-widget', '-n', ns])).spec).toEqual({ size: 3 });
      const t = await get(['template', tpl]);
      expect(ownerOf(await get(['crd', `widgets.${group}`]))).toEqual([`Template/${tpl}/${t.metadata.uid}`]);
    });

    it('fails with helm\'s message when the chart does not exist', async () => {
      const ns = await namespace('tibad');
      const tpl = uniqueName('tpl');
      await apply({ ...template(tpl, []), resources: { helm: { chart: { repository: { name: 'no-such-chart', repoUrl } } } } });
      await apply(instance(ns, 'chart', tpl));
      const ti = await settled(ns, 'chart', 'Failed');
      expect(ti.status.reason).toBe('ErrorHelm');
      expect(ti.status.message).toMatch(/^helm template failed: .*no-such-chart/);
    });
  });

  describe('mandatory templates of an account', () => {
    it('instantiates them in a labelled namespace, and a template added later in the existing space', async () => {
      const [first, second, account] = [uniqueName('tpl'), uniqueName('tpl'), uniqueName('acct')];
      await apply(template(first, [limitRange]), template(second, [configMap('later', { v: '${ACCOUNT}' })]));
      const accountObj = (templates: string[]) => ({
        apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: account },
        spec: { space: { templateInstances: templates.map((t) => ({ spec: { template: t } })) } },
      });
      cleanup.push(['delete', 'account', account]);
      await apply(accountObj([first]));
      const ns = await namespace('tispace');
      await kubectlOk(['label', 'namespace', ns, `kiosk.sh/account=${account}`]);

      const ti = await settled(ns, first, 'Deployed');
      expect(ownerOf(await get(['limitrange', 'limits', '-n', ns]))).toEqual([`TemplateInstance/${first}/${ti.metadata.uid}`]);

      await apply(accountObj([first, second]));
      await settled(ns, second, 'Deployed');
      expect((await get(['configmap', 'later', '-n', ns])).data).toEqual({ v: account });
    });
  });
});
