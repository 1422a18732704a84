import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commonNameOf, parsePemBundle, verifyClientCertificate } from './verify-client-certificate';
import { pem } from './verify-client-certificate.fixtures';

const cert = (p: string) => new X509Certificate(p);
const roots = parsePemBundle(pem.root);
const allowed = ['front-proxy-client'];

describe('verifyClientCertificate', () => {
  it.each([
    ['the front proxy, signed by the CA', [pem.proxy], roots, allowed, { ok: true, commonName: 'front-proxy-client' }],
    ['any CN when allowed names are empty', [pem.stranger], roots, [], { ok: true, commonName: 'someone-else' }],
    ['through an intermediate the client sent', [pem.viainter, pem.inter], roots, allowed, { ok: true, commonName: 'front-proxy-client' }],
    ['a CA bundle with several roots', [pem.proxy], parsePemBundle(pem.otherRoot + '\n' + pem.root), allowed, { ok: true }],
  ])('accepts %s', (_, chain, r, names, want) => {
    expect(verifyClientCertificate(chain.map(cert), r, names)).toMatchObject(want);
  });

  it.each([
    ['no certificate', [], roots, allowed, 'no client certificate'],
    ['no CA configured', [pem.proxy], [], allowed, 'no request-header client CA'],
    ['a CN not in allowed names', [pem.stranger], roots, allowed, 'not in requestheader-allowed-names'],
    ['another CA', [pem.untrusted], roots, allowed, 'not signed by the request-header client CA'],
    ['server-auth only', [pem.serveronly], roots, allowed, 'not for client authentication'],
    ['an intermediate the client did not send', [pem.viainter], roots, allowed, 'not signed'],
    ['a leaf pretending to be the CA', [pem.proxy], parsePemBundle(pem.stranger), allowed, 'not signed'],
  ])('rejects %s', (_, chain, r, names, reason) => {
    const v = verifyClientCertificate(chain.map(cert), r, names);
    expect(v.ok).toBe(false);
    expect(v.ok ? '' : v.reason).toContain(reason);
  });

  it.each([
    ['expired', new Date('2200-01-01T00:00:00Z')],
    ['not yet valid', new Date('2000-01-01T00:00:00Z')],
  ])('rejects a certificate that is %s', (_, now) => {
    const v = verifyClientCertificate([cert(pem.proxy)], roots, allowed, now);
    expect(v).toMatchObject({ ok: false, reason: expect.stringContaining('expired or not yet valid') });
  });
});

describe('parsePemBundle and commonNameOf', () => {
  it.each([
    ['', 0],
    [pem.root, 1],
    [`${pem.root}\n${pem.otherRoot}\n`, 2],
  ])('parses %#', (text, n) => expect(parsePemBundle(text)).toHaveLength(n));
  it.each([
    [pem.proxy, 'front-proxy-client'],
    [pem.inter, 'intermediate-ca'],
  ])('reads the CN of %#', (p, cn) => expect(commonNameOf(cert(p))).toBe(cn));
});
