import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { apiserverPort, consoleUrl, helmBin, root, stateDir } from '@/scripts/lib/paths';
import { run } from '@/scripts/lib/proc';
import { eventually, kubectl, kubectlOk, uniqueName } from '@/test/support/kubectl';
import { tempDir } from '@/test/audit/support';
import { chartDir, find, helmTemplate, helmTemplateError, requiredValues, type KubeDoc } from './support';

const everything = [...requiredValues, '--set', 'audit.postgresql.enabled=true', '--set', 'prometheusRule.enabled=true',
  '--set', 'console.ingress.enabled=true', '--set', 'console.ingress.host=atrium.example.com', '--set', 'console.ingress.tlsSecretName=atrium-tls'];
const podSpecs = (docs: KubeDoc[]) => docs.flatMap((d) => {
  if (d.kind === 'Pod') return [{ name: `Pod/${d.metadata.name}`, spec: d.spec, claims: [] }];
  if (['Deployment', 'StatefulSet', 'Job'].includes(d.kind)) {
    return [{ name: `${d.kind}/${d.metadata.name}`, spec: d.spec.template.spec, claims: (d.spec.volumeClaimTemplates ?? []).map((c: any) => c.metadata.name) }];
  }
  return [];
});

describe('the Helm chart', () => {
  it('passes helm lint with the settings an install must give', async () => {
    const { stdout } = await run(helmBin, ['lint', chartDir, '--kube-version', '1.33.0', ...everything]);
    expect(stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  it('refuses bad values at install, naming the value', async () => {
    expect(await helmTemplateError([...requiredValues, '--set', 'console.kubeAuthMode=impersonate'])).toMatch(/at '\/console\/kubeAuthMode': value must be one of 'passthrough', 'impersonation'/);
    expect(await helmTemplateError([...requiredValues, '--set', 'controller.replica=3'])).toMatch(/at '\/controller': additional properties 'replica' not allowed/);
    expect(await helmTemplateError([...requiredValues, '--set', 'webhook.controlPlaneCIDRs={10.0.0.0}'])).toMatch(/at '\/webhook\/controlPlaneCIDRs\/0'/);
    // No sign-in settings: each missing one is named.
    const missing = await helmTemplateError(['--set', 'webhook.controlPlaneCIDRs={10.0.0.0/16}']);
    for (const v of ['/console/url', '/console/sessionSecret/name', '/console/oidc/issuer', '/console/oidc/clientId', '/console/oidc/clientSecret/name']) expect(missing).toContain(`at '${v}'`);
    // The console can be left out entirely (then none of its settings are needed).
    const docs = await helmTemplate(['--set', 'console.enabled=false', '--set', 'webhook.controlPlaneCIDRs={10.0.0.0/16}']);
    expect(docs.some((d) => d.kind === 'Deployment' && d.metadata.name === 'atrium-console')).toBe(false);
  });

  it('keeps optional parts off by default: bundled PostgreSQL, PrometheusRule, Ingress, cert-manager', async () => {
    const kinds = new Set((await helmTemplate(requiredValues)).map((d) => d.kind));
    for (const k of ['StatefulSet', 'PrometheusRule', 'Ingress', 'Certificate', 'Issuer', 'Job']) expect(kinds.has(k), k).toBe(false);
  });

  describe('pods pass Pod Security Admission "restricted" in the real API server', () => {
    const ns = uniqueName('chart-psa');
    afterAll(async () => {
      await kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
    });
    it('admits every pod of the chart (controller, console, PostgreSQL, migration job, helm tests) into an enforcing namespace', async () => {
      await kubectlOk(['create', 'namespace', ns]);
      await kubectlOk(['label', 'namespace', ns, 'pod-security.kubernetes.io/enforce=restricted', 'pod-security.kubernetes.io/enforce-version=latest']);
      // Pods need the namespace's default ServiceAccount, which the controller-manager adds a moment later (longer on a busy cluster).
      await eventually(async () => (await kubectl(['-n', ns, 'get', 'serviceaccount', 'default'])).code === 0, 'the default ServiceAccount', 30_000);
      const pods = podSpecs(await helmTemplate([...everything, '--set', 'audit.migrationUrlSecret.name=x'], { namespace: ns }));
      expect(pods.map((p) => p.name).sort()).toEqual(['Deployment/atrium-console', 'Deployment/atrium-controller', 'Job/atrium-migrate',
        'Pod/atrium-test-apiservice', 'Pod/atrium-test-console', 'Pod/atrium-test-webhooks', 'StatefulSet/atrium-postgresql']);
      for (const p of pods) {
        // The ServiceAccounts are not in this namespace; Pod Security looks at the pod spec only.
        // A StatefulSet's claim templates become volumes only in its pods; stand in with emptyDirs.
        const claims = p.claims.map((name: string) => ({ name, emptyDir: {} }));
        const spec = { ...p.spec, serviceAccountName: undefined, volumes: [...(p.spec.volumes ?? []), ...claims] };
        const r = await kubectl(['-n', ns, 'create', '--dry-run=server', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'psa-check' }, spec }));
        expect(r.stderr, p.name).toBe('');
        expect(r.code, p.name).toBe(0);
        // Read-only root: only the mounted volumes are writable.
        for (const c of p.spec.containers) expect(c.securityContext.readOnlyRootFilesystem, `${p.name} ${c.name}`).toBe(true);
      }
      // And the API server really enforces: a pod without the settings is refused there.
      const bad = await kubectl(['-n', ns, 'create', '--dry-run=server', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'psa-check' }, spec: { containers: [{ name: 'c', image: 'x' }] } }));
      expect(bad.stderr).toMatch(/violates PodSecurity "restricted:latest"/);
    });
  });

  it('spreads controller replicas and keeps one through drains', async () => {
    const docs = await helmTemplate(requiredValues);
    const spec = find(docs, 'Deployment', 'atrium-controller').spec.template.spec;
    expect(spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    expect(spec.topologySpreadConstraints[0]).toMatchObject({ topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1 });
    expect(find(docs, 'PodDisruptionBudget', 'atrium-controller').spec).toMatchObject({ minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'atrium-controller' } } });
  });

  it('lets only the control plane reach the webhook port and only Atrium reach the database', async () => {
    const docs = await helmTemplate(everything);
    const controller = find(docs, 'NetworkPolicy', 'atrium-controller').spec;
    expect(controller.ingress).toEqual([{ from: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ port: 'https', protocol: 'TCP' }] }, { ports: [{ port: 'health', protocol: 'TCP' }] }]);
    const db = find(docs, 'NetworkPolicy', 'atrium-postgresql').spec;
    expect(db.ingress[0].from.map((f: any) => f.podSelector.matchLabels['app.kubernetes.io/name'])).toEqual(['atrium-controller', 'atrium-console', 'atrium-migrate']);
    expect(find(docs, 'NetworkPolicy', 'atrium-console').spec.ingress).toEqual([{ ports: [{ port: 'http', protocol: 'TCP' }] }]);
  });

  it('wires the console to its Secrets, the database and the Ingress', async () => {
    const docs = await helmTemplate(everything);
    const env = Object.fromEntries(find(docs, 'Deployment', 'atrium-console').spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(env).toMatchObject({
      AUTH_URL: 'https://atrium.example.com', OIDC_ISSUER: 'https://idp.example.com', OIDC_CLIENT_ID: 'atrium', NODE_ENV: 'production',
      AUTH_SECRET: { secretKeyRef: { name: 'atrium-console-session', key: 'auth-secret' } },
      OIDC_CLIENT_SECRET: { secretKeyRef: { name: 'atrium-console-oidc', key: 'client-secret' } },
      DATABASE_URL: { secretKeyRef: { name: 'atrium-postgresql', key: 'database-url' } },
    });
    expect(find(docs, 'Ingress', 'atrium-console').spec).toMatchObject({ tls: [{ hosts: ['atrium.example.com'], secretName: 'atrium-tls' }], rules: [{ host: 'atrium.example.com' }] });
    // The bundled database's data and passwords outlive `helm uninstall`.
    expect(find(docs, 'StatefulSet', 'atrium-postgresql').spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(find(docs, 'Secret', 'atrium-postgresql').metadata.annotations!['helm.sh/resource-policy']).toBe('keep');
  });

  it('alerts (PrometheusRule) only on metrics the controller exports', async () => {
    const rule = find(await helmTemplate(everything), 'PrometheusRule', 'atrium');
    const exprs = rule.spec.groups[0].rules.map((r: any) => r.expr as string);
    const used = new Set<string>(exprs.flatMap((e: string) => [...e.matchAll(/\b(atrium_[a-z_]+?)(?:_bucket)?\{/g)].map((m) => m[1]!)));
    const code = ['server/controller/runtime/metrics.ts', 'server/controller/quota/metrics.ts', 'server/kube/metrics.ts'].map((f) => readFileSync(path.join(root, f), 'utf8')).join('\n');
    expect(used.size).toBeGreaterThan(5);
    for (const m of used) expect(code, m).toContain(`name: '${m}'`);
  });

  // cert-manager's CRDs are not in the dev cluster: this proves what the chart asks of cert-manager, not that
  // cert-manager issues it (docs/operations.md says how to check that on a real cluster).
  it('hands the serving certificate to cert-manager when certManager.enabled', async () => {
    const docs = await helmTemplate([...requiredValues, '--set', 'certManager.enabled=true']);
    expect(docs.some((d) => d.kind === 'Secret' && d.metadata.name === 'atrium-serving-cert')).toBe(false);
    const cert = find(docs, 'Certificate', 'atrium-serving-cert').spec;
    expect(cert).toMatchObject({ secretName: 'atrium-serving-cert', dnsNames: ['tenancy-api.kiosk.svc', 'tenancy-api.kiosk.svc.cluster.local'], issuerRef: { name: 'atrium-ca', kind: 'Issuer' } });
    const injected = docs.filter((d) => d.metadata.annotations?.['cert-manager.io/inject-ca-from'] === 'kiosk/atrium-serving-cert');
    expect(injected.map((d) => d.kind).sort()).toEqual(['APIService', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);
    expect(JSON.stringify(injected)).not.toContain('caBundle');
    // An operator's own issuer replaces the chart's self-signed CA.
    const own = await helmTemplate([...requiredValues, '--set', 'certManager.enabled=true', '--set', 'certManager.issuerRef.name=corp-ca', '--set', 'certManager.issuerRef.kind=ClusterIssuer']);
    expect(find(own, 'Certificate', 'atrium-serving-cert').spec.issuerRef).toEqual({ name: 'corp-ca', kind: 'ClusterIssuer' });
    expect(own.filter((d) => d.kind === 'Issuer')).toEqual([]);
  });

  describe('helm test checks, run against the dev cluster with the test pods\' own RBAC', () => {
    const dir = tempDir('helm-test');
    let hookDocs: KubeDoc[] = [];
    afterAll(async () => {
      for (const d of hookDocs.filter((x) => x.kind !== 'Pod' && x.kind !== 'ConfigMap')) await kubectl(['delete', d.kind, d.metadata.name, '-n', 'kiosk', '--ignore-not-found']);
      dir.remove();
    });
    // `helm test` cannot run here (the dev cluster's pods run no containers): the same script runs on this host
    // with a token of the hook's ServiceAccount, so its RBAC is exercised as in a cluster.
    it('sees the APIService Available, the webhooks answering, and the console healthy', async () => {
      hookDocs = (await helmTemplate([...requiredValues, '--show-only', 'templates/tests.yaml']));
      await kubectlOk(['apply', '-f', '-'], hookDocs.filter((d) => d.kind !== 'Pod' && d.kind !== 'ConfigMap').map((d) => stringify(d)).join('---\n'));
      const token = await kubectlOk(['-n', 'kiosk', 'create', 'token', 'atrium-helm-test', '--duration=10m']);
      const tokenFile = path.join(dir.dir, 'token');
      writeFileSync(tokenFile, token.trim(), { mode: 0o600 });
      const script = path.join(chartDir, 'files/helm-test.mjs');
      const api = `https://127.0.0.1:${apiserverPort}`;
      const env = { ...process.env, NODE_EXTRA_CA_CERTS: path.join(stateDir, 'pki', 'ca.crt') };
      expect((await run(process.execPath, [script, 'apiservice', api, tokenFile], { env })).stdout).toMatch(/^ok: APIService v1alpha1.tenancy.kiosk.sh is Available/);
      expect((await run(process.execPath, [script, 'webhooks', api, tokenFile], { env })).stdout).toMatch(/^ok: the config.kiosk.sh webhook answered/);
      expect((await run(process.execPath, [script, 'console', consoleUrl], { env })).stdout).toMatch(/^ok: console .* is healthy/);
      // The dry run stored nothing.
      expect((await kubectl(['get', 'accounts.config.kiosk.sh', 'atrium-helm-test'])).stderr).toMatch(/NotFound/);
    });
  });
});
