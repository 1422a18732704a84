import https from 'node:https';
import type { OutgoingHttpHeaders } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { serviceKubeConfig } from './config';
import { countKubeRequest } from './metrics';

/** Who a request acts as: Atrium's own identity, or a person through impersonation. */
export interface Impersonation {
  user: string;
  groups?: readonly string[];
  uid?: string;
  extra?: Record<string, readonly string[]>;
}

/**
 * A person's own bearer token (OIDC ID token, EKS token, ServiceAccount token), sent instead of Atrium's
 * credentials so the API server authenticates the person itself: Atrium's identity adds nothing to the request.
 */
export interface BearerCredential {
  bearerToken: string;
}

/** Everything a request may act as besides Atrium itself. */
export type ActAs = Impersonation | BearerCredential;

export const isBearer = (as: ActAs | undefined): as is BearerCredential => !!as && 'bearerToken' in as;

/**
 * The field manager of every write made as a person (the console's writes): managedFields then show which fields a
 * person set through the console, and the controller's audit can tell the cluster's record of a console change
 * from a kubectl one. A label, not a credential: anyone can send it, so nothing may be skipped or trusted on it.
 */
export const PERSON_FIELD_MANAGER = 'atrium-console';
const FIELD_MANAGED: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Defaults to JSON; PATCH defaults to merge patch. */
  contentType?: string;
  /** Defaults to JSON; discovery asks for its aggregated form. */
  accept?: string;
  as?: ActAs;
  timeoutMs?: number;
  /** `text`: resolve with the body as it came (a proxied /metrics page), not parsed JSON. */
  responseType?: 'json' | 'text';
}

/** A non-2xx answer of the API server, with its Status object when it sent one. */
export class KubeApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: { message?: string; reason?: string; details?: unknown } | undefined,
    readonly requestPath: string,
  ) {
    super(status?.message ?? `Kubernetes API answered ${code} for ${requestPath}`);
    this.name = 'KubeApiError';
  }
}

/**
 * One HTTPS request to the API server. Built on node:https rather than the
 * generated clients because impersonating several groups needs one
 * `Impersonate-Group` header line per group, which fetch would join into one.
 */
export async function kubeRequest<T = any>(req: KubeRequest, kc: KubeConfig = serviceKubeConfig()): Promise<T> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('No current cluster in the kubeconfig');
  const url = new URL(req.path, cluster.server);
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  if (req.as && FIELD_MANAGED.has(req.method ?? 'GET') && !url.searchParams.has('fieldManager')) url.searchParams.set('fieldManager', PERSON_FIELD_MANAGER);
  const opts = await requestOptions(kc, req.method ?? 'GET', req.as);
  if (req.accept) (opts.headers as OutgoingHttpHeaders)['Accept'] = req.accept;
  if (!cluster.proxyUrl) opts.agent = keepAliveAgent(kc, opts);
  const headers = opts.headers as OutgoingHttpHeaders;
  let payload: string | undefined;
  if (req.body !== undefined) {
    payload = JSON.stringify(req.body);
    headers['Content-Type'] = req.contentType ?? (req.method === 'PATCH' ? 'application/merge-patch+json' : 'application/json');
    headers['Content-Length'] = Buffer.byteLength(payload);
  }
  return new Promise<T>((resolve, reject) => {
    const r = https.request(url, { ...opts, timeout: req.timeoutMs ?? 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: any;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        const code = res.statusCode ?? 0;
        countKubeRequest(req.method ?? 'GET', url.pathname, code, req.as ? 'person' : 'own');
        if (code >= 200 && code < 300) resolve((req.responseType === 'text' ? text : parsed) as T);
        else reject(new KubeApiError(code, parsed ?? { message: text.slice(0, 500) || undefined }, url.pathname));
      });
    });
    r.on('timeout', () => r.destroy(new Error(`Kubernetes API request ${url.pathname} timed out`)));
    r.on('error', reject);
    if (payload) r.write(payload);
    r.end();
  });
}

/**
 * TLS and headers for one request acting as `as`: Atrium's own credentials, impersonation headers on top of them,
 * or a person's bearer token instead of them.
 */
export async function requestOptions(kc: KubeConfig, method: string, as: ActAs | undefined): Promise<https.RequestOptions> {
  const opts: https.RequestOptions = { method, headers: {} };
  await kc.applyToHTTPSOptions(opts);
  const headers = opts.headers as OutgoingHttpHeaders;
  headers['Accept'] = 'application/json';
  if (isBearer(as)) {
    // The person's token alone: a client certificate of Atrium's would be authenticated first and win.
    delete opts.cert;
    delete opts.key;
    headers.Authorization = `Bearer ${as.bearerToken}`;
  } else if (as) {
    headers['Impersonate-User'] = as.user;
    if (as.uid) headers['Impersonate-Uid'] = as.uid;
    // One header line per group: joined into one line, "a, b" would be read as a single group name.
    if (as.groups?.length) headers['Impersonate-Group'] = [...as.groups];
    for (const [k, v] of Object.entries(as.extra ?? {})) headers[`Impersonate-Extra-${encodeURIComponent(k)}`] = [...v];
  }
  return opts;
}

// client-node hands out a new Agent per call, so every request paid a TCP and TLS handshake (about 10 ms against
// the dev cluster, against 1-2 ms for the request itself). One keep-alive agent per kubeconfig and kind of
// credential (Atrium's own TLS identity, or none for people's bearer tokens) reuses connections; a new one is made
// when the TLS material changes (rotated client certificates).
const agents = new WeakMap<KubeConfig, Map<'own' | 'bearer', { tls: (string | undefined)[]; agent: https.Agent }>>();
function keepAliveAgent(kc: KubeConfig, o: https.RequestOptions): https.Agent {
  const tls = [o.ca, o.cert, o.key, o.rejectUnauthorized, o.servername].map((v) => (v === undefined ? v : String(v)));
  const slot = o.cert || o.key ? 'own' : 'bearer';
  let perKind = agents.get(kc);
  if (!perKind) agents.set(kc, (perKind = new Map()));
  const known = perKind.get(slot);
  if (known && known.tls.every((v, i) => v === tls[i])) return known.agent;
  known?.agent.destroy();
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca: o.ca, cert: o.cert, key: o.key, rejectUnauthorized: o.rejectUnauthorized, servername: o.servername });
  perKind.set(slot, { tls, agent });
  return agent;
}

export const isNotFound = (e: unknown) => e instanceof KubeApiError && e.code === 404;
export const isConflict = (e: unknown) => e instanceof KubeApiError && e.code === 409;
export const isAlreadyExists = (e: unknown) => e instanceof KubeApiError && e.code === 409 && e.status?.reason === 'AlreadyExists';
