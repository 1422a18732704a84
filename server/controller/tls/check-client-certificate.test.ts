import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkClientCertificate, type ClientTrust } from './check-client-certificate';
import { parsePemBundle } from './pem-bundle';

// Real TLS connections on 127.0.0.1 with certificates made by the openssl CLI: the verdict comes from what OpenSSL
// verified in the handshake plus which CA anchors the chain, never from a chain walk of our own.
let dir: string;
const file = (n: string) => path.join(dir, n);
const read = (n: string) => readFileSync(file(n));
const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });

function ca(name: string, extra = '') {
  writeFileSync(file(`${name}.ext`), `basicConstraints=critical,CA:TRUE${extra}\nkeyUsage=critical,keyCertSign\nsubjectKeyIdentifier=hash\n`);
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30', '-subj', `/CN=${name}`, '-keyout', file(`${name}.key`), '-out', file(`${name}.crt`), '-extensions', 'v3', '-config', configFile(name)]);
}
function configFile(name: string) {
  const f = file(`${name}.cnf`);
  writeFileSync(f, `[req]\ndistinguished_name=dn\n[dn]\n[v3]\n${readFileSync(file(`${name}.ext`), 'utf8')}`);
  return f;
}
function leaf(name: string, cn: string, issuer: string, ext: string) {
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${cn}`, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`)]);
  writeFileSync(file(`${name}.ext`), ext);
  openssl(['x509', '-req', '-in', file(`${name}.csr`), '-CA', file(`${issuer}.crt`), '-CAkey', file(`${issuer}.key`), '-CAcreateserial', '-days', '30', '-extfile', file(`${name}.ext`), '-out', file(`${name}.crt`)]);
}

let server: https.Server;
let port: number;
let webhook: ClientTrust;
let proxy: ClientTrust;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'atrium-tls-'));
  ca('cluster-ca');
  ca('proxy-ca');
  ca('stranger-ca');
  leaf('server', 'localhost', 'cluster-ca', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  leaf('hook', 'kube-apiserver-webhook-client', 'cluster-ca', 'extendedKeyUsage=clientAuth\n');
  leaf('person', 'dev', 'cluster-ca', 'extendedKeyUsage=clientAuth\n');
  leaf('proxy', 'front-proxy-client', 'proxy-ca', 'extendedKeyUsage=clientAuth\n');
  leaf('proxy-named-hook', 'kube-apiserver-webhook-client', 'proxy-ca', 'extendedKeyUsage=clientAuth\n');
  leaf('server-usage', 'kube-apiserver-webhook-client', 'cluster-ca', 'extendedKeyUsage=serverAuth\n');
  leaf('stranger', 'kube-apiserver-webhook-client', 'stranger-ca', 'extendedKeyUsage=clientAuth\n');
  webhook = { what: 'the webhook client', cas: parsePemBundle(read('cluster-ca.crt').toString()), names: ['kube-apiserver-webhook-client'] };
  proxy = { what: 'the front proxy', cas: parsePemBundle(read('proxy-ca.crt').toString()), names: ['front-proxy-client'] };
  server = https.createServer({ key: read('server.key'), cert: read('server.crt'), ca: [read('cluster-ca.crt'), read('proxy-ca.crt')], requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const socket = req.socket as TLSSocket;
    res.end(JSON.stringify({ webhook: checkClientCertificate(socket, webhook), proxy: checkClientCertificate(socket, proxy) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function call(client?: string): Promise<{ webhook: { ok: boolean; reason?: string }; proxy: { ok: boolean; reason?: string } }> {
  return new Promise((resolve, reject) => {
    https.get({ host: '127.0.0.1', port, ca: read('cluster-ca.crt'), agent: false, ...(client ? { key: read(`${client}.key`), cert: read(`${client}.crt`) } : {}) }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve(JSON.parse(text)));
    }).on('error', reject);
  });
}

describe('checkClientCertificate', () => {
  it.each([
    ['the webhook client of the cluster CA', 'hook', true, false, 'is not issued by the CA of the front proxy'],
    ['the front proxy of the front-proxy CA', 'proxy', false, true, 'is not issued by the CA of the webhook client'],
    ["a person's certificate from the cluster CA", 'person', false, false, 'CN "dev" is not an allowed name'],
    ['the webhook name on a front-proxy certificate', 'proxy-named-hook', false, false, 'is not issued by the CA of the webhook client'],
    ['a certificate for servers, not clients', 'server-usage', false, false, 'not accepted: INVALID_PURPOSE'],
    ['a certificate of a CA the server does not offer', 'stranger', false, false, 'not accepted'],
    ['no certificate at all', undefined, false, false, 'no client certificate'],
  ])('%s', async (_, client, webhookOk, proxyOk, someReason) => {
    const got = await call(client);
    expect(got.webhook.ok).toBe(webhookOk);
    expect(got.proxy.ok).toBe(proxyOk);
    const reasons = [got.webhook.reason, got.proxy.reason].filter(Boolean).join(' | ');
    expect(reasons).toContain(someReason);
  });
});
