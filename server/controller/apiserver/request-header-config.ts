import type { X509Certificate } from 'node:crypto';
import { parsePemBundle } from '../tls/pem-bundle';

/**
 * What kube-apiserver publishes in kube-system/extension-apiserver-authentication
 * about the front proxy (its --requestheader-* flags).
 */
export interface RequestHeaderConfig {
  clientCA: X509Certificate[];
  allowedNames: string[];
  usernameHeaders: string[];
  uidHeaders: string[];
  groupHeaders: string[];
  extraHeaderPrefixes: string[];
}

function jsonList(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Parses the ConfigMap's data. Undefined when it names no request-header CA
 * or no username header: then nobody can be authenticated, which is the safe
 * answer (the kube-apiserver was started without the front proxy flags).
 */
export function parseRequestHeaderConfig(data: Record<string, string> | undefined): RequestHeaderConfig | undefined {
  const ca = data?.['requestheader-client-ca-file'];
  const usernameHeaders = jsonList(data?.['requestheader-username-headers']);
  if (!ca || usernameHeaders.length === 0) return undefined;
  const clientCA = parsePemBundle(ca);
  if (clientCA.length === 0) return undefined;
  return {
    clientCA,
    allowedNames: jsonList(data?.['requestheader-allowed-names']),
    usernameHeaders,
    uidHeaders: jsonList(data?.['requestheader-uid-headers']),
    groupHeaders: jsonList(data?.['requestheader-group-headers']),
    extraHeaderPrefixes: jsonList(data?.['requestheader-extra-headers-prefix']),
  };
}

/** Header values as node gives them without joining repeated lines (`IncomingMessage.headersDistinct`). */
export type DistinctHeaders = Record<string, string[] | undefined>;

/**
 * The identity carried by the front proxy's headers, read like upstream's
 * requestheader authenticator: the first non-empty username header, every
 * value of every group header, extras keyed by the lower-cased, unescaped rest
 * of the header name. `system:authenticated` is added as the delegating
 * authenticator of every aggregated server does, so RBAC grants to all
 * authenticated users (discovery, OpenAPI) apply.
 */
export function identityFromHeaders(config: RequestHeaderConfig, headers: DistinctHeaders):
  { username: string; uid?: string; groups: string[]; extra: Record<string, string[]> } | undefined {
  const first = (names: string[]) => {
    for (const n of names) {
      const v = headers[n.toLowerCase()]?.find((x) => x.length > 0);
      if (v) return v;
    }
    return undefined;
  };
  const username = first(config.usernameHeaders);
  if (!username) return undefined;
  const groups = config.groupHeaders.flatMap((n) => headers[n.toLowerCase()] ?? []);
  const extra: Record<string, string[]> = {};
  for (const prefix of config.extraHeaderPrefixes.map((p) => p.toLowerCase())) {
    for (const [name, values] of Object.entries(headers)) {
      if (!name.startsWith(prefix) || !values) continue;
      let key = name.slice(prefix.length);
      try {
        key = decodeURIComponent(key);
      } catch {
        // not escaped: keep it as it came
      }
      key = key.toLowerCase();
      (extra[key] ??= []).push(...values);
    }
  }
  if (!groups.includes('system:authenticated') && !groups.includes('system:unauthenticated')) groups.push('system:authenticated');
  return { username, uid: first(config.uidHeaders), groups, extra };
}
