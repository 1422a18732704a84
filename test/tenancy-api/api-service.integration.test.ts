import { controllerPorts } from '@/scripts/lib/atrium';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateDir } from '@/scripts/lib/paths';
import { eventually, kubectl, kubectlJson, kubectlOk, uniqueName } from '@/test/support/kubectl';

// The tenancy.kiosk.sh APIService as the kube-apiserver and kubectl see it:
// available, discoverable, described by OpenAPI, ahead of config.kiosk.sh for
// "accounts", and closed to anyone but the kube-apiserver's front proxy.

const pki = (f: string) => readFileSync(path.join(stateDir, f), 'utf8');
const BASE = `https://127.0.0.1:${controllerPorts.serving}`;

/** A request straight to the controller's serving port, bypassing the kube-apiserver. */
function direct(p: string, opts: { headers?: Record<string, string>; cert?: string; key?: string } = {}): Promise<{ code: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${BASE}${p}`, {
      headers: opts.headers, cert: opts.cert, key: opts.key,
      ca: pki('atrium-pki/ca.crt'), servername: 'tenancy-api.kiosk.svc',
    }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ code: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('tenancy.kiosk.sh APIService', () => {
  it('is Available, with a verified caBundle and a priority ahead of CRD groups', async () => {
    const svc = await eventually(async () => {
      const s = await kubectlJson(['get', 'apiservice', 'v1alpha1.tenancy.kiosk.sh']);
      return s.status?.conditions?.some((c: any) => c.type === 'Available' && c.status === 'True') && s;
    }, 'the APIService to become Available');
    expect(svc.spec).toMatchObject({ group: 'tenancy.kiosk.sh', version: 'v1alpha1', groupPriorityMinimum: 10000, versionPriority: 15, service: { namespace: 'kiosk', name: 'tenancy-api' } });
    expect(svc.spec.caBundle).toBeTruthy();
    expect(svc.spec.insecureSkipTLSVerify).toBeFalsy();
  });

  it('is discoverable: resources, verbs, categories', async () => {
    const list = JSON.parse(await kubectlOk(['get', '--raw', '/apis/tenancy.kiosk.sh/v1alpha1']));
    expect(list.resources).toEqual([
      expect.objectContaining({ name: 'spaces', kind: 'Space', namespaced: false, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], categories: ['kiosk'] }),
      expect.objectContaining({ name: 'accounts', kind: 'Account', namespaced: false }),
    ]);
    const out = await kubectlOk(['api-resources', '--api-group=tenancy.kiosk.sh', '-o', 'wide']);
    expect(out).toMatch(/spaces\s+tenancy\.kiosk\.sh\/v1alpha1\s+false\s+Space\s+create,delete,get,list,patch,update,watch\s+kiosk/);
  });

  it('puts tenancy.kiosk.sh ahead of config.kiosk.sh, so "accounts" is the filtered view', async () => {
    const groups = JSON.parse(await kubectlOk(['get', '--raw', '/apis'])).groups.map((g: { name: string }) => g.name);
    expect(groups.indexOf('tenancy.kiosk.sh')).toBeLessThan(groups.indexOf('config.kiosk.sh'));
    const short = await kubectl(['get', 'accounts', '-v=6']);
    expect(short.stderr).toContain('/apis/tenancy.kiosk.sh/v1alpha1/accounts');
    const full = await kubectl(['get', 'accounts.config.kiosk.sh', '-v=6']);
    expect(full.code).toBe(0);
    expect(full.stderr).toContain('/apis/config.kiosk.sh/v1alpha1/accounts');
  });

  it('is described by OpenAPI: kubectl explain, and the merged v2 document', async () => {
    const explain = await eventually(async () => {
      const r = await kubectl(['explain', 'spaces']);
      return r.code === 0 && r.stdout;
    }, 'kubectl explain spaces');
    expect(explain).toMatch(/KIND:\s+Space/);
    expect(explain).toMatch(/GROUP:\s+tenancy\.kiosk\.sh/);
    expect(explain).toMatch(/spec\s+<SpaceSpec>/);
    expect(await kubectlOk(['explain', 'spaces.spec.account'])).toContain('Account is the owning account of the space');
    expect(await kubectlOk(['explain', 'accounts.tenancy.kiosk.sh.spec.space.limit'])).toContain('how many spaces are allowed');
    await eventually(async () => (await kubectlOk(['get', '--raw', '/openapi/v2'])).includes('"sh.kiosk.tenancy.v1alpha1.Space"'), 'the Space definition in /openapi/v2');
    const root = JSON.parse(await kubectlOk(['get', '--raw', '/openapi/v3']));
    expect(root.paths['apis/tenancy.kiosk.sh/v1alpha1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/tenancy\.kiosk\.sh\/v1alpha1\?hash=/);
  });

  it('lets kubectl validate: unknown fields are refused (server-side field validation)', async () => {
    const r = await kubectl(['apply', '--dry-run=server', '-f', '-'], `apiVersion: tenancy.kiosk.sh/v1alpha1
kind: Space
metadata: {name: ${uniqueName('never')}}
spec: {acount: typo}
`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('strict decoding error: unknown field "spec.acount"');
  });
});

describe('front-proxy authentication', () => {
  const forged = { 'X-Remote-User': 'admin', 'X-Remote-Group': 'system:masters' };
  const ns = uniqueName('authn');
  beforeAll(() => kubectlOk(['create', 'namespace', ns]));
  afterAll(() => kubectl(['delete', 'namespace', ns, '--wait=false']));

  it('answers 401 to forged X-Remote-* headers without a client certificate', async () => {
    const r = await direct('/apis/tenancy.kiosk.sh/v1alpha1/spaces', { headers: forged });
    expect(r.code).toBe(401);
    expect(r.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401 });
  });

  it('answers 401 to a client certificate of another CA (the cluster admin\'s own)', async () => {
    const r = await direct('/apis/tenancy.kiosk.sh/v1alpha1/spaces', { headers: forged, cert: pki('pki/admin.crt'), key: pki('pki/admin.key') });
    expect(r.code).toBe(401);
  });

  it('believes the headers with the front proxy\'s certificate (what the kube-apiserver sends)', async () => {
    const cert = pki('pki/front-proxy-client.crt');
    const key = pki('pki/front-proxy-client.key');
    const admin = await direct('/apis/tenancy.kiosk.sh/v1alpha1/spaces', { headers: forged, cert, key });
    expect(admin.code).toBe(200);
    expect(admin.body.items.map((s: any) => s.metadata.name)).toContain(ns);
    const nobody = await direct('/apis/tenancy.kiosk.sh/v1alpha1/spaces', { headers: { 'X-Remote-User': uniqueName('nobody') }, cert, key });
    expect(nobody.code).toBe(403);
    expect(nobody.body.message).toMatch(/^spaces\.tenancy\.kiosk\.sh is forbidden: User "nobody-[0-9a-f]+" cannot list resource "spaces" in API group "tenancy\.kiosk\.sh" at the cluster scope/);
  });
});
