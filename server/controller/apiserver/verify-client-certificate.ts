import { X509Certificate } from 'node:crypto';

/** Result of {@link verifyClientCertificate}. */
export type ClientCertificateVerdict = { ok: true; commonName: string } | { ok: false; reason: string };

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';
const MAX_CHAIN = 8;

/** Every certificate of a PEM bundle (a CA file may hold several during a rotation). */
export function parsePemBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

/** The subject's CN, as Go's `Subject.CommonName` (the last CN when there are several). */
export function commonNameOf(cert: X509Certificate): string {
  const cns = cert.subject.split('\n').filter((l) => l.startsWith('CN=')).map((l) => l.slice(3));
  return cns[cns.length - 1] ?? '';
}

const extendedKeyUsage = (cert: X509Certificate): string[] | undefined =>
  (cert as X509Certificate & { extKeyUsage?: string[] }).extKeyUsage ?? cert.keyUsage;

const validAt = (cert: X509Certificate, now: Date) => cert.validFromDate <= now && now <= cert.validToDate;

/**
 * Verifies a TLS client certificate chain the way kube-apiserver's
 * request-header authenticator does (x509 verification with client-auth usage
 * against `requestheader-client-ca-file`, then the CN against
 * `requestheader-allowed-names`): the leaf must chain, through intermediates
 * the client sent, to one of `roots`; every link must be in its validity
 * window and signed by the next; the leaf's extended key usage, when present,
 * must allow client authentication; an empty `allowedNames` allows any CN.
 * Only after this may X-Remote-* headers be believed.
 */
export function verifyClientCertificate(
  chain: readonly X509Certificate[],
  roots: readonly X509Certificate[],
  allowedNames: readonly string[],
  now: Date = new Date(),
): ClientCertificateVerdict {
  const leaf = chain[0];
  if (!leaf) return { ok: false, reason: 'no client certificate' };
  if (roots.length === 0) return { ok: false, reason: 'no request-header client CA is configured' };
  const eku = extendedKeyUsage(leaf);
  if (eku && !eku.includes(CLIENT_AUTH) && !eku.includes(ANY_EXTENDED_KEY_USAGE)) return { ok: false, reason: 'the client certificate is not for client authentication' };
  let current = leaf;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (!validAt(current, now)) return { ok: false, reason: `certificate "${current.subject}" is expired or not yet valid` };
    const root = roots.find((r) => r.ca && current.checkIssued(r) && current.verify(r.publicKey));
    if (root) {
      if (!validAt(root, now)) return { ok: false, reason: 'the request-header client CA is expired or not yet valid' };
      const cn = commonNameOf(leaf);
      if (allowedNames.length > 0 && !allowedNames.includes(cn)) return { ok: false, reason: `client certificate CN "${cn}" is not in requestheader-allowed-names` };
      return { ok: true, commonName: cn };
    }
    const issuer = chain.find((c) => c !== current && c.ca && current.checkIssued(c) && current.verify(c.publicKey));
    if (!issuer) return { ok: false, reason: 'the client certificate is not signed by the request-header client CA' };
    current = issuer;
  }
  return { ok: false, reason: 'certificate chain too long' };
}
