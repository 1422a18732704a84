import https from 'node:https';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { devServingCert, webhookClient } from '@/scripts/lib/atrium';
import { podManifest } from './support';

/** An AdmissionReview of a pod CREATE as the API server sends it, for a pod that will never be created. */
export function podReview(ns: string, podName: string, user: string, o: { dryRun?: boolean } = {}) {
  const object = { ...podManifest(podName, ns), metadata: { name: podName, namespace: ns, uid: randomUUID() } };
  return {
    apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
    request: {
      uid: randomUUID(), kind: { group: '', version: 'v1', kind: 'Pod' }, resource: { group: '', version: 'v1', resource: 'pods' },
      requestKind: { group: '', version: 'v1', kind: 'Pod' }, requestResource: { group: '', version: 'v1', resource: 'pods' },
      name: podName, namespace: ns, operation: 'CREATE', userInfo: { username: user }, object, dryRun: !!o.dryRun,
    },
  };
}

export interface ReviewAnswer {
  allowed: boolean;
  code?: number;
  message?: string;
}

/** Sends a review to one replica's account-quota webhook with the API server's client certificate. */
export async function sendReview(port: number, body: object): Promise<ReviewAnswer> {
  const { caPem } = await devServingCert();
  const clientCert = { cert: readFileSync(webhookClient.certFile), key: readFileSync(webhookClient.keyFile) };
  return new Promise((resolve, reject) => {
    const r = https.request({ host: '127.0.0.1', port, path: '/admission/account-quota', method: 'POST', ca: caPem, ...clientCert, headers: { 'Content-Type': 'application/json' }, timeout: 15_000 }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        try {
          const resp = JSON.parse(text).response;
          resolve({ allowed: resp.allowed, code: resp.status?.code, message: resp.status?.message });
        } catch (e) {
          reject(e);
        }
      });
    });
    r.on('error', reject);
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.end(JSON.stringify(body));
  });
}
