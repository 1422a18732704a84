import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { X509Certificate } from 'node:crypto';

/** Who may call one kind of endpoint: certificates chaining to one of `cas`, with a CN in `names` (empty: any CN). */
export interface ClientTrust {
  /** What the callers are, for messages ("the kube-apiserver's webhook client"). */
  what: string;
  cas: readonly X509Certificate[];
  names: readonly string[];
}

/** Result of {@link checkClientCertificate}. */
export type ClientCertificateVerdict = { ok: true; commonName: string } | { ok: false; reason: string };

/**
 * Decides whether the TLS peer of a request is a caller `trust` accepts. The chain itself was verified by OpenSSL
 * during the handshake against every CA the serving server offers (`requestCert` + `ca`): validity, signatures, key
 * usage and extended key usage (client authentication), basic constraints, path length, name constraints and
 * unknown critical extensions — `socket.authorized` says whether it passed. Because one server offers the CAs of
 * several callers (the webhook client CA and the front-proxy CA), this then checks that the chain ends at one of
 * the CAs of *this* kind of caller (a certificate that the cluster CA issued to a person must not pass as the
 * front proxy) and that the leaf's CN is an allowed name.
 */
export function checkClientCertificate(socket: TLSSocket, trust: ClientTrust): ClientCertificateVerdict {
  if (typeof socket.getPeerCertificate !== 'function') return { ok: false, reason: 'not a TLS connection' };
  const leaf = socket.getPeerCertificate(true);
  if (!leaf || !leaf.raw) return { ok: false, reason: `no client certificate (${trust.what} must present one)` };
  if (!socket.authorized) return { ok: false, reason: `the client certificate was not accepted: ${String(socket.authorizationError ?? 'unknown error')}` };
  if (trust.cas.length === 0) return { ok: false, reason: `no CA is configured for ${trust.what}` };
  const anchor = rootOf(leaf);
  if (!anchor || !trust.cas.some((ca) => ca.fingerprint256 === anchor.fingerprint256)) {
    return { ok: false, reason: `the client certificate is not issued by the CA of ${trust.what}` };
  }
  const cn = leaf.subject?.CN;
  const commonName = Array.isArray(cn) ? cn[cn.length - 1] ?? '' : cn ?? '';
  if (trust.names.length > 0 && !trust.names.includes(commonName)) {
    return { ok: false, reason: `client certificate CN "${commonName}" is not an allowed name of ${trust.what} (${trust.names.join(', ')})` };
  }
  return { ok: true, commonName };
}

/**
 * The last certificate of the chain Node reports for the peer: the certificates it sent, completed from the
 * server's own trust store, ending at the self-issued CA that verified it.
 */
function rootOf(leaf: PeerCertificate & { issuerCertificate?: PeerCertificate }): PeerCertificate | undefined {
  let cert: PeerCertificate & { issuerCertificate?: PeerCertificate } = leaf;
  for (let depth = 0; depth < 16; depth++) {
    const issuer = cert.issuerCertificate;
    if (!issuer || issuer === cert || issuer.fingerprint256 === cert.fingerprint256) return cert;
    cert = issuer;
  }
  return undefined;
}
