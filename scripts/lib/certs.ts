import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './proc';

export interface ServingCert {
  caPem: string;
  certPem: string;
  keyPem: string;
}

/**
 * A throwaway CA and a serving certificate signed by it, for webhooks and
 * aggregated API servers on 127.0.0.1 in the dev cluster. Made with the
 * openssl CLI so no key material is ever committed.
 */
export async function makeServingCert(cn: string, dnsNames: string[], ips: string[] = ['127.0.0.1']): Promise<ServingCert> {
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-cert-'));
  const f = (n: string) => path.join(dir, n);
  try {
    const san = [...dnsNames.map((d) => `DNS:${d}`), ...ips.map((i) => `IP:${i}`)].join(',');
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '3650',
      '-subj', `/CN=${cn}-ca`, '-keyout', f('ca.key'), '-out', f('ca.crt')]);
    await run('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-subj', `/CN=${cn}`, '-keyout', f('tls.key'), '-out', f('tls.csr')]);
    writeFileSync(f('ext.cnf'), `subjectAltName=${san}\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n`);
    await run('openssl', ['x509', '-req', '-in', f('tls.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial',
      '-days', '3650', '-extfile', f('ext.cnf'), '-out', f('tls.crt')]);
    return { caPem: readFileSync(f('ca.crt'), 'utf8'), certPem: readFileSync(f('tls.crt'), 'utf8'), keyPem: readFileSync(f('tls.key'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
