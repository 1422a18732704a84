import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServingCert } from '@/scripts/lib/certs';
import { eventually, kubectl, kubectlJson, kubectlOk, uniqueName } from '@/test/support/kubectl';

const b64 = (s: string) => Buffer.from(s).toString('base64');

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

// The two ways Atrium plugs into the kube-apiserver: an aggregated API served
// from 127.0.0.1 and admission webhooks addressed by URL.
describe('aggregation layer', () => {
  const group = `${uniqueName('probe')}.atrium.test`;
  const apiService = `v1.${group}`;
  const ns = uniqueName('aggr');
  let server: Server;
  const seen: { user?: string; groups?: string; verifiedClient?: boolean }[] = [];

  beforeAll(async () => {
    const requestHeaderCA = (await kubectlJson(['-n', 'kube-system', 'get', 'configmap', 'extension-apiserver-authentication']))
      .data['requestheader-client-ca-file'] as string;
    const cert = await makeServingCert('probe', [`probe.${ns}.svc`]);
    server = createServer({ key: cert.keyPem, cert: cert.certPem, ca: requestHeaderCA, requestCert: true, rejectUnauthorized: false }, (req, res) => {
      const verifiedClient = (req.socket as TLSSocket).authorized;
      res.setHeader('Content-Type', 'application/json');
      if (req.url === `/apis/${group}/v1`) {
        res.end(JSON.stringify({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${group}/v1`,
          resources: [{ name: 'whoamis', singularName: 'whoami', namespaced: false, kind: 'WhoAmI', verbs: ['get', 'list'] }] }));
        return;
      }
      if (req.url?.startsWith(`/apis/${group}/v1/whoamis`)) {
        const who = { user: req.headers['x-remote-user'] as string, groups: String(req.headers['x-remote-group'] ?? ''), verifiedClient };
        seen.push(who);
        res.end(JSON.stringify({ kind: 'WhoAmI', apiVersion: `${group}/v1`, metadata: { name: 'me' }, ...who }));
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404, reason: 'NotFound' }));
    });
    const port = await listen(server);
    await kubectlOk(['create', 'namespace', ns]);
    await kubectlOk(['apply', '-f', '-'], `apiVersion: v1
kind: Service
metadata: {name: probe, namespace: ${ns}}
spec: {type: ExternalName, externalName: 127.0.0.1}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: ${apiService}}
spec:
  group: ${group}
  version: v1
  groupPriorityMinimum: 1000
  versionPriority: 15
  service: {namespace: ${ns}, name: probe, port: ${port}}
  caBundle: ${b64(cert.caPem)}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${group}-reader}
rules: [{apiGroups: ["${group}"], resources: [whoamis], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${group}-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${group}-reader}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: dev}]
`);
  });

  afterAll(async () => {
    // Unregister before stopping the backend, or namespace deletion stalls on discovery.
    await kubectl(['delete', 'apiservice', apiService, '--wait=true']);
    await kubectl(['delete', 'clusterrole,clusterrolebinding', `${group}-reader`]);
    await kubectl(['delete', 'namespace', ns, '--wait=false']);
    server?.close();
  });

  it('marks an APIService backed by a loopback HTTPS server Available', async () => {
    await eventually(async () => {
      const svc = await kubectlJson(['get', 'apiservice', apiService]);
      return svc.status?.conditions?.find((c: any) => c.type === 'Available')?.status === 'True';
    }, 'APIService Available');
  });

  it('proxies requests with the caller\'s identity in X-Remote-User, over a verified front-proxy client certificate', async () => {
    const asDev = JSON.parse(await kubectlOk(['get', '--raw', `/apis/${group}/v1/whoamis/me`, '--as=dev']));
    expect(asDev.user).toBe('dev');
    expect(asDev.groups).toContain('system:authenticated');
    expect(asDev.verifiedClient).toBe(true);
    const asAdmin = JSON.parse(await kubectlOk(['get', '--raw', `/apis/${group}/v1/whoamis/me`]));
    expect(asAdmin.user).toBe('admin');
    expect(asAdmin.groups).toContain('system:masters');
  });

  it('lets RBAC stop a caller before the request reaches the backend', async () => {
    const before = seen.length;
    const r = await kubectl(['get', '--raw', `/apis/${group}/v1/whoamis/me`, '--as=dba']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`User "dba" cannot get resource "whoamis" in API group "${group}" at the cluster scope`);
    expect(seen.length).toBe(before);
  });
});

describe('admission webhooks by URL', () => {
  const name = `${uniqueName('deny')}.atrium.test`;
  const ns = uniqueName('hooked');
  let server: Server;
  let calls = 0;

  beforeAll(async () => {
    const cert = await makeServingCert('webhook', ['localhost']);
    server = createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        calls++;
        const review = JSON.parse(body);
        const cmName: string = review.request.object?.metadata?.name ?? '';
        const allowed = !cmName.startsWith('forbidden-');
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: {
          uid: review.request.uid, allowed,
          status: allowed ? undefined : { code: 403, message: `configmaps named forbidden-* are not allowed in ${review.request.namespace}` },
        } }));
      });
    });
    const port = await listen(server);
    await kubectlOk(['create', 'namespace', ns]);
    await kubectlOk(['label', 'namespace', ns, `webhook-test=${name}`]);
    await kubectlOk(['apply', '-f', '-'], `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: ${name}}
webhooks:
- name: ${name}
  clientConfig: {url: "https://127.0.0.1:${port}/validate", caBundle: ${b64(cert.caPem)}}
  rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}]
  namespaceSelector: {matchLabels: {webhook-test: ${name}}}
  admissionReviewVersions: [v1]
  sideEffects: None
  timeoutSeconds: 5
  failurePolicy: Fail
`);
  });

  afterAll(async () => {
    await kubectl(['delete', 'validatingwebhookconfiguration', name]);
    await kubectl(['delete', 'namespace', ns, '--wait=false']);
    server?.close();
  });

  it('is called and can deny, with its message shown to the user', async () => {
    // The apiserver picks up a new webhook configuration asynchronously.
    const denied = await eventually(async () => {
      const r = await kubectl(['-n', ns, 'create', 'configmap', uniqueName('forbidden')]);
      return r.code !== 0 && r.stderr.includes('denied the request') ? r : undefined;
    }, 'the webhook to deny');
    expect(denied.stderr).toContain(`admission webhook "${name}" denied the request: configmaps named forbidden-* are not allowed in ${ns}`);
    await kubectlOk(['-n', ns, 'create', 'configmap', 'fine']);
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
