import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { createCache, type KubeObject, type ObjectCache, type ResourceRef } from '@/server/kube';
import type { Logger } from '../runtime/logger';
import { checkClientCertificate } from '../tls/check-client-certificate';
import type { Caller } from './caller';
import { identityFromHeaders, parseRequestHeaderConfig, type RequestHeaderConfig } from './request-header-config';

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
  /** The front-proxy CA certificates (PEM) the serving server must offer to clients; [] while unknown. */
  clientCAs(): string[];
  /** The caller, or the reason this request is not from the kube-apiserver's front proxy. */
  authenticate(req: IncomingMessage): { caller: Caller } | { reason: string };
}

/**
 * The front-proxy authenticator: a request is believed only when its TLS
 * client certificate was verified by the serving server's TLS (OpenSSL) and
 * chains to the request-header client CA that kube-apiserver publishes, with a
 * CN among the allowed names; only then is the identity read from
 * X-Remote-User / X-Remote-Group / X-Remote-Extra-*. The ConfigMap is
 * watched: `onChange` hands a rotated front-proxy CA to the serving server.
 * Client certificates of the general client CA and bearer tokens are
 * deliberately not accepted: only the kube-apiserver may call this API.
 */
export function createRequestHeaderAuthenticator(log: Logger, onChange: () => void = () => undefined): RequestHeaderAuthenticator {
  let config: RequestHeaderConfig | undefined;
  let pems: string[] = [];
  const cache: ObjectCache<ConfigMap> = createCache<ConfigMap>(configMaps, {
    namespace: NAMESPACE,
    fieldSelector: `metadata.name=${NAME}`,
    onError: (err) => log.warn('watching the request-header configuration failed, retrying', { error: String(err) }),
  });
  const reload = () => {
    const next = parseRequestHeaderConfig(cache.get(NAME, NAMESPACE)?.data);
    const nextPems = next?.clientCA.map((c) => c.toString()) ?? [];
    const changed = nextPems.join('\n') !== pems.join('\n');
    config = next;
    pems = nextPems;
    if (!config) log.warn(`${NAMESPACE}/${NAME} has no request-header client CA: every tenancy.kiosk.sh request is refused (start kube-apiserver with --requestheader-client-ca-file)`);
    if (changed) onChange();
  };
  cache.on(() => reload());

  return {
    async start() {
      await cache.start();
      reload();
    },
    stop: () => cache.stop(),
    clientCAs: () => pems,
    authenticate(req) {
      if (!config) return { reason: 'the request-header configuration is not known' };
      const verdict = checkClientCertificate(req.socket as TLSSocket, { what: 'the front proxy (requestheader-client-ca-file)', cas: config.clientCA, names: config.allowedNames });
      if (!verdict.ok) return { reason: verdict.reason };
      const identity = identityFromHeaders(config, req.headersDistinct);
      if (!identity) return { reason: 'the front proxy sent no username' };
      return { caller: { username: identity.username, groups: identity.groups, uid: identity.uid, extra: identity.extra } };
    },
  };
}
