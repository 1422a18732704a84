import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { controllerPorts, devServingCert, webhookClient } from '@/scripts/lib/atrium';
import { stateDir } from '@/scripts/lib/paths';

/** Client certificates of the dev cluster's PKI, as an attacker inside the cluster might hold one of them. */
export const clientCerts = {
  /** What the kube-apiserver presents to webhooks. */
  webhook: { cert: webhookClient.certFile, key: webhookClient.keyFile },
  /** A person's certificate from the same cluster CA (CN admin). */
  admin: { cert: path.join(stateDir, 'pki', 'admin.crt'), key: path.join(stateDir, 'pki', 'admin.key') },
  /** The aggregator's front-proxy certificate: valid for tenancy.kiosk.sh, not for webhooks. */
  frontProxy: { cert: path.join(stateDir, 'pki', 'front-proxy-client.crt'), key: path.join(stateDir, 'pki', 'front-proxy-client.key') },
};

export interface Answer {
  status: number;
  body: string;
  json?: any;
}

/**
 * One HTTPS request to the controller's serving port, as any process that can reach it would send it: with the
 * given client certificate or none, the given body (a Buffer is sent as is) and headers.
 */
export async function callController(opts: {
  path: string; method?: string; body?: string | Buffer; headers?: Record<string, string | number>; client?: keyof typeof clientCerts; chunked?: boolean;
  /** Send the body but do not end the request: the answer must not wait for the rest. */
  partial?: boolean;
}): Promise<Answer> {
  const { caPem } = await devServingCert();
  const tls = opts.client ? { cert: readFileSync(clientCerts[opts.client].cert), key: readFileSync(clientCerts[opts.client].key) } : {};
  const body = opts.body === undefined ? undefined : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body);
  const headers: Record<string, string | number> = { 'Content-Type': 'application/json', ...opts.headers };
  if (body && !opts.chunked && headers['Content-Length'] === undefined) headers['Content-Length'] = body.length;
  return new Promise((resolve, reject) => {
    let answered = false;
    const r = https.request({ host: '127.0.0.1', port: controllerPorts.serving, path: opts.path, method: opts.method ?? 'POST', ca: caPem, agent: false, headers, timeout: 30_000, ...tls }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      answered = true;
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, body: text, json });
      });
    });
    r.on('timeout', () => r.destroy(new Error('timeout')));
    // a server that answers before the body is sent and closes makes the rest of our write fail: the answer counts
    r.on('error', (e) => (answered ? undefined : reject(e)));
    if (body && opts.partial) r.write(body);
    else if (body && opts.chunked) {
      // without Content-Length: the size limit must hold while reading, too
      for (let i = 0; i < body.length; i += 1024 * 1024) r.write(body.subarray(i, i + 1024 * 1024));
      r.end();
    } else r.end(body);
  });
}

/** An AdmissionReview as the API server sends it for creating a pod, which will never be created. */
export function podReview(namespace: string, name: string, uid: string, objectUid: string): object {
  return {
    apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
    request: {
      uid, kind: { group: '', version: 'v1', kind: 'Pod' }, resource: { group: '', version: 'v1', resource: 'pods' },
      requestKind: { group: '', version: 'v1', kind: 'Pod' }, requestResource: { group: '', version: 'v1', resource: 'pods' },
      name, namespace, operation: 'CREATE', userInfo: { username: 'attacker', groups: ['system:authenticated'] },
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: objectUid }, spec: { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1' }, limits: { cpu: '1' } } }] } },
      dryRun: false,
    },
  };
}

/** Whether the controller still answers its health check. */
export async function controllerHealthy(): Promise<boolean> {
  return fetch(`http://127.0.0.1:${controllerPorts.health}/healthz`).then((r) => r.ok, () => false);
}
