import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { createCache, type KubeObject, type ObjectCache, type ResourceRef } from '@/server/kube';
import type { Logger } from '../runtime/logger';
import type { Caller } from './caller';
import { identityFromHeaders, parseRequestHeaderConfig, type RequestHeaderConfig } from './request-header-config';
import { verifyClientCertificate, type ClientCertificateVerdict } from './verify-client-certificate';

const configMaps: ResourceRef = { group: '', version: 'v1', plural: 'configmaps', namespaced: true };
const NAMESPACE = 'kube-system';
const NAME = 'extension-apiserver-authentication';

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

/** Authenticates requests that the kube-apiserver proxied to us, and nobody else. */
export interface RequestHeaderAuthenticator {
  /** Resolves when the ConfigMap was read once (it may be missing: then every request is 401). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The caller, or the reason this request is not from the kube-apiserver's front proxy. */
  authenticate(req: IncomingMessage): { caller: Caller } | { reason: string };
}

/**
 * The front-proxy authenticator: a request is believed only when its TLS
 * client certificate chains to the request-header client CA that
 * kube-apiserver publishes (and its CN is an allowed name); only then is the
 * identity read from X-Remote-User / X-Remote-Group / X-Remote-Extra-*.
 * The ConfigMap is watched, so a rotated front-proxy CA takes effect without a
 * restart. Client certificates of the general client CA and bearer tokens are
 * deliberately not accepted: only the kube-apiserver may call this API.
 */
export function createRequestHeaderAuthenticator(log: Logger): RequestHeaderAuthenticator {
  let config: RequestHeaderConfig | undefined;
  let generation = 0;
  // The peer certificate is fixed for a connection: verify once per socket and config generation.
  const verdicts = new WeakMap<object, { generation: number; verdict: ClientCertificateVerdict }>();
  const cache: ObjectCache<ConfigMap> = createCache<ConfigMap>(configMaps, {
    namespace: NAMESPACE,
    fieldSelector: `metadata.name=${NAME}`,
    onError: (err) => log.warn('watching the request-header configuration failed, retrying', { error: String(err) }),
  });
  const reload = () => {
    config = parseRequestHeaderConfig(cache.get(NAME, NAMESPACE)?.data);
    generation++;
    if (!config) log.warn(`${NAMESPACE}/${NAME} has no request-header client CA: every tenancy.kiosk.sh request is refused (start kube-apiserver with --requestheader-client-ca-file)`);
  };
  cache.on(() => reload());

  function peerChain(socket: TLSSocket): X509Certificate[] {
    const chain: X509Certificate[] = [];
    let cert = socket.getPeerCertificate?.(true);
    const seen = new Set<unknown>();
    while (cert && cert.raw && !seen.has(cert) && chain.length < 10) {
      seen.add(cert);
      chain.push(new X509Certificate(cert.raw));
      if (!cert.issuerCertificate || cert.issuerCertificate === cert) break;
      cert = cert.issuerCertificate;
    }
    return chain;
  }

  return {
    async start() {
      await cache.start();
      reload();
    },
    stop: () => cache.stop(),
    authenticate(req) {
      if (!config) return { reason: 'the request-header configuration is not known' };
      const socket = req.socket as TLSSocket;
      let cached = verdicts.get(socket);
      if (!cached || cached.generation !== generation) {
        cached = { generation, verdict: verifyClientCertificate(peerChain(socket), config.clientCA, config.allowedNames) };
        verdicts.set(socket, cached);
      }
      if (!cached.verdict.ok) return { reason: cached.verdict.reason };
      const identity = identityFromHeaders(config, req.headersDistinct);
      if (!identity) return { reason: 'the front proxy sent no username' };
      return { caller: { username: identity.username, groups: identity.groups, uid: identity.uid, extra: identity.extra } };
    },
  };
}
