import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controllerPorts, controllerUp, devServingCert, webhookClient } from '@/scripts/lib/atrium';
import { consoleClientId, idpCaFile, idpIssuer, idpState } from '@/scripts/lib/idp';
import { apiserverPort, helmBin, root, stateDir } from '@/scripts/lib/paths';
import { createDatabase, databaseUrl, dropDatabase, freePort, runSql, stackDatabaseUrl } from '@/scripts/lib/postgres';
import { run, stopDaemon } from '@/scripts/lib/proc';
import { secretFile } from '@/scripts/lib/secret-file';
import { eventually, kubectl, kubectlJson, kubectlOk, uniqueName } from '@/test/support/kubectl';
import { find, helmTemplate, requiredValues, type KubeDoc } from '@/test/chart/support';
import { imageOf, runImage, type PodVolume, type Sandbox } from './image-filesystem';

// No container runtime here: each image's filesystem is assembled from its Dockerfile's COPY lines (the build stages'
// outputs are this checkout's `npm run build:controller`, `next build` and helm) and run the way the chart's pod
// spec runs it — its uid, a read-only root with only the emptyDir mounts writable, NODE_ENV=production and the
// chart's environment (bubblewrap). Differences from a pod, each needed on a shared host: the host's network (ports
// moved off the defaults; the pod IP is 127.0.0.1) and the dev cluster's CA for the dev identity provider.
// The controller takes the shared controller's place for a while, so this file runs in the serial tier.

/** The chart's container: its env with Downward API and Secret references resolved, its volumes as sandbox mounts. */
function asPod(docs: KubeDoc[], deployment: string, resolve: { fieldRef: Record<string, string>; secrets: Record<string, string>; files: Record<string, Record<string, string>> }) {
  const spec = find(docs, 'Deployment', deployment).spec.template.spec;
  const c = spec.containers[0];
  const env: Record<string, string> = {};
  for (const e of c.env) {
    if (e.value !== undefined) env[e.name] = String(e.value);
    else if (e.valueFrom.fieldRef) env[e.name] = resolve.fieldRef[e.valueFrom.fieldRef.fieldPath]!;
    else if (e.valueFrom.secretKeyRef) env[e.name] = resolve.secrets[`${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`]!;
    if (env[e.name] === undefined) throw new Error(`no stand-in for ${deployment} env ${e.name}`);
  }
  const volumes: PodVolume[] = c.volumeMounts.map((m: any) => {
    const v = spec.volumes.find((x: any) => x.name === m.name);
    if (v.emptyDir) return { mountPath: m.mountPath, emptyDir: true };
    const files = resolve.files[v.name];
    if (!files) throw new Error(`no stand-in for ${deployment} volume ${v.name}`);
    return { mountPath: m.mountPath, readOnly: true, files };
  });
  return { env, volumes, user: spec.securityContext.runAsUser, readOnlyRoot: c.securityContext.readOnlyRootFilesystem };
}

/** What the kubelet gives every pod: its ServiceAccount's token and the cluster CA, and the API server's address. */
async function serviceAccountMount(name: string): Promise<{ volume: PodVolume; env: Record<string, string> }> {
  const token = (await kubectlOk(['-n', 'kiosk', 'create', 'token', name, '--duration=1h'])).trim();
  return {
    volume: { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true, files: { token, 'ca.crt': readFileSync(path.join(stateDir, 'pki', 'ca.crt'), 'utf8'), namespace: 'kiosk' } },
    env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(apiserverPort) },
  };
}

describe('the images, run as the chart runs them', () => {
  const sandboxes: Sandbox[] = [];
  afterAll(async () => {
    for (const s of sandboxes) await s.stop();
  });

  describe('controller', () => {
    const ns = uniqueName('image-helm');
    const tpl = uniqueName('image-tpl');
    let server: Server | undefined;
    let dir = '';
    let controller: Sandbox;
    beforeAll(async () => {
      await run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/build-controller.ts')], { cwd: root });
      const caPem = readFileSync(webhookClient.caFile, 'utf8');
      const docs = await helmTemplate([...requiredValues, '--set', 'audit.databaseUrlSecret.name=atrium-db',
        '--set', `webhook.clientCertificate.caBundle=${caPem}`, '--set', `webhook.clientCertificate.allowedNames={${webhookClient.name}}`]);
      const { certFile, keyFile } = await devServingCert();
      const pod = asPod(docs, 'atrium-controller', {
        fieldRef: { 'metadata.namespace': 'kiosk', 'metadata.name': 'atrium-controller-image-test', 'status.podIP': '127.0.0.1' },
        secrets: { 'atrium-db/DATABASE_URL': stackDatabaseUrl() ?? '' },
        files: { tls: { 'tls.crt': readFileSync(certFile, 'utf8'), 'tls.key': readFileSync(keyFile, 'utf8') }, 'webhook-client-ca': { 'ca.crt': caPem } },
      });
      expect([pod.user, pod.readOnlyRoot, pod.env.NODE_ENV]).toEqual([65532, true, 'production']);
      const image = imageOf('Dockerfile.controller', {
        helm: (src) => { expect(src).toBe('/out/helm'); return helmBin; },
        build: (src) => path.join(root, src.replace(/^\/src\//, '')),
      });
      expect(String(image.uid)).toBe(String(pod.user));
      const sa = await serviceAccountMount('atrium-controller');
      // The shared controller steps aside: this one serves the dev cluster's webhooks and leads.
      await stopDaemon('controller');
      controller = runImage(image, [...pod.volumes, sa.volume], {
        ...pod.env, ...sa.env, ATRIUM_HEALTH_PORT: String(controllerPorts.health), ATRIUM_SERVING_PORT: String(controllerPorts.serving),
      });
      sandboxes.push(controller);
    });
    afterAll(async () => {
      server?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
      await kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
      await kubectl(['delete', 'template', tpl, '--ignore-not-found']);
      await controller?.stop();
      await controllerUp();
    });

    it('becomes ready against the dev cluster with the chart\'s ServiceAccount', async () => {
      await eventually(async () => {
        if (controller.process.exitCode !== null) throw new Error(`the controller exited (${controller.process.exitCode}):\n${controller.output()}`);
        const r = await fetch(`http://127.0.0.1:${controllerPorts.health}/readyz`).catch(() => undefined);
        return r?.ok;
      }, 'the image\'s controller ready', 90_000);
      // The root filesystem really is read-only, and /tmp (an emptyDir) is not.
      const write = (f: string) => controller.exec(['node', '-e', `require('fs').writeFileSync(${JSON.stringify(f)}, 'x')`]);
      expect((await write('/app/dist/x')).out).toMatch(/EROFS/);
      expect((await write('/x')).out).toMatch(/EROFS/);
      expect((await write('/tmp/x')).code).toBe(0);
      const who = await controller.exec(['node', '-e', 'console.log(process.getuid())']);
      expect(who.out.trim()).toBe('65532');
    });

    it('applies the audit schema\'s migrations as the chart\'s atrium-migrate Job runs them', async () => {
      const name = `atrium_test_image_${Date.now()}`;
      await createDatabase(name);
      try {
        // The Job's command and its one setting, in the same image.
        const job = find(await helmTemplate([...requiredValues, '--set', 'audit.migrationUrlSecret.name=db']), 'Job', 'atrium-migrate').spec.template.spec.containers[0];
        expect(job.env.map((e: any) => e.name)).toEqual(['NODE_ENV', 'DATABASE_MIGRATION_URL']);
        const url = databaseUrl('owner', name);
        const r = await controller.exec(job.command, { NODE_ENV: 'production', DATABASE_MIGRATION_URL: url });
        expect(r.out).toMatch(/^applied: 20261130000000_audit_trail/m);
        expect(await runSql(url, 'SELECT count(*)::int AS n FROM audit_event')).toEqual([{ n: 0 }]);
      } finally {
        await dropDatabase(name);
      }
    });

    it('renders a Helm-type template with its helm binary, under the read-only root', async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'atrium-image-chart-'));
      const chart = path.join(dir, 'greeting');
      await mkdir(path.join(chart, 'templates'), { recursive: true });
      await writeFile(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: greeting\nversion: 0.1.0\n');
      await writeFile(path.join(chart, 'templates', 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-greeting\ndata:\n  greeting: {{ .Values.greeting | quote }}\n');
      const files = path.join(dir, 'repo');
      await mkdir(files);
      await promisify(execFile)(helmBin, ['package', chart, '-d', files]);
      server = createServer((req, res) => {
        readFile(path.join(files, path.basename(req.url ?? ''))).then((b) => res.end(b), () => res.writeHead(404).end());
      });
      await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
      const repoUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      await promisify(execFile)(helmBin, ['repo', 'index', files, '--url', repoUrl]);

      await kubectlOk(['create', 'namespace', ns]);
      await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
        { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Template', metadata: { name: tpl },
          resources: { helm: { releaseName: 'img', chart: { repository: { name: 'greeting', version: '0.1.0', repoUrl } }, values: 'greeting: from the image\n' } } },
        { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'TemplateInstance', metadata: { name: 'greeting', namespace: ns }, spec: { template: tpl } },
      ] }));
      const ti = await eventually(async () => {
        const t = await kubectlJson(['-n', ns, 'get', 'templateinstance', 'greeting']);
        return ['Deployed', 'Failed'].includes(t.status?.status) ? t : undefined;
      }, 'the TemplateInstance settled', 90_000);
      expect(ti.status.message ?? '', controller.output().slice(-3000)).not.toMatch(/failed/);
      expect(ti.status.status).toBe('Deployed');
      expect((await kubectlJson(['-n', ns, 'get', 'configmap', 'img-greeting'])).data).toEqual({ greeting: 'from the image' });
      // It was this process (the shared controller is stopped) that rendered it.
      expect(controller.process.exitCode).toBeNull();
    });
  });

  describe('console', () => {
    let console_: Sandbox;
    let url = '';
    beforeAll(async () => {
      const standalone = path.join(root, '.next/standalone');
      if (!existsSync(path.join(standalone, 'server.js'))) throw new Error('.next/standalone/server.js is missing: `npm run build` (next.config.ts output: standalone) first; `npm run stack:up` does it');
      const port = await freePort();
      url = `http://localhost:${port}`;
      const docs = await helmTemplate(['--set', 'webhook.controlPlaneCIDRs={10.0.0.0/16}', '--set', `console.url=${url}`,
        '--set', `console.oidc.issuer=${idpIssuer}`, '--set', `console.oidc.clientId=${consoleClientId}`,
        '--set', 'console.sessionSecret.name=session', '--set', 'console.oidc.clientSecret.name=oidc', '--set', 'audit.databaseUrlSecret.name=atrium-db']);
      const pod = asPod(docs, 'atrium-console', {
        fieldRef: { 'metadata.namespace': 'kiosk' },
        secrets: {
          'session/auth-secret': secretFile(path.join(stateDir, 'console', 'auth-secret')),
          'oidc/client-secret': idpState().clientSecret,
          'atrium-db/DATABASE_URL': stackDatabaseUrl() ?? '',
        },
        files: {},
      });
      expect([pod.user, pod.readOnlyRoot, pod.env.NODE_ENV]).toEqual([65532, true, 'production']);
      const image = imageOf('Dockerfile.console', { build: (src) => path.join(root, src.replace(/^\/src\//, '')) });
      const sa = await serviceAccountMount('atrium-console');
      console_ = runImage(image, [...pod.volumes, sa.volume, { mountPath: '/etc/atrium-dev-ca', readOnly: true, files: { 'ca.crt': readFileSync(idpCaFile, 'utf8') } }], {
        ...pod.env, ...sa.env, PORT: String(port), NODE_EXTRA_CA_CERTS: '/etc/atrium-dev-ca/ca.crt',
      });
      sandboxes.push(console_);
    });

    it('serves its sign-in page', async () => {
      await eventually(async () => {
        if (console_.process.exitCode !== null) throw new Error(`the console exited (${console_.process.exitCode}):\n${console_.output()}`);
        return (await fetch(`${url}/api/healthz`).catch(() => undefined))?.ok;
      }, 'the image\'s console healthy', 60_000);
      const res = await fetch(`${url}/signin`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('Sign in to your cluster');
      // Its static files come from the image too (copied beside the standalone server).
      const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1];
      expect(css).toBeDefined();
      expect((await fetch(`${url}${css}`)).status).toBe(200);
      expect(console_.output()).not.toMatch(/EROFS|EACCES/);
    });
  });
});
