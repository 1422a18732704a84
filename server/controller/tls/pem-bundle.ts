import { X509Certificate } from 'node:crypto';

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
