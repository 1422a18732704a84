import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { env } from '@/server/env';
import type { Caches } from './caches';
import type { Logger } from './runtime/logger';
import { handleAdmission } from './webhooks/handle-admission';
import { handleTenancyApi } from './apiserver/handle-tenancy-api';
import { createRequestHeaderAuthenticator } from './apiserver/request-header-authenticator';
import { startWithRetry } from './apiserver/start-with-retry';
import type { ClientTrust } from './tls/check-client-certificate';
import { parsePemBundle } from './tls/pem-bundle';
import { noteServing } from './runtime/serving-activity';

/**
 * The HTTPS endpoint every replica serves: admission webhooks under
 * /admission/ and the aggregated tenancy.kiosk.sh API under /apis/ (and the
 * discovery/OpenAPI paths the aggregator asks for). One listener offers the
 * CAs of both of its legitimate callers — the kube-apiserver's webhook client
 * and its front proxy — so OpenSSL verifies whichever certificate a client
 * presents; each route then requires a certificate of *its* caller
 * (docs/adr/0004-tenancy-api-authentication.md).
 */
export async function startServingServer(caches: Caches, log: Logger): Promise<https.Server | undefined> {
  const cfg = env();
  if (!cfg.ATRIUM_TLS_CERT_FILE || !cfg.ATRIUM_TLS_KEY_FILE) {
    log.warn('ATRIUM_TLS_CERT_FILE/ATRIUM_TLS_KEY_FILE not set: webhooks and the tenancy API are not served');
    return undefined;
  }
  const cert = readFileSync(cfg.ATRIUM_TLS_CERT_FILE);
  const key = readFileSync(cfg.ATRIUM_TLS_KEY_FILE);
  let webhookTrust: ClientTrust | undefined;
  if (cfg.ATRIUM_WEBHOOK_CLIENT_CA_FILE) {
    const cas = parsePemBundle(readFileSync(cfg.ATRIUM_WEBHOOK_CLIENT_CA_FILE, 'utf8'));
    if (cas.length === 0) throw new Error(`ATRIUM_WEBHOOK_CLIENT_CA_FILE ${cfg.ATRIUM_WEBHOOK_CLIENT_CA_FILE} holds no PEM certificate`);
    webhookTrust = { what: "the kube-apiserver's webhook client", cas, names: cfg.ATRIUM_WEBHOOK_CLIENT_NAMES };
  } else {
    log.warn('ATRIUM_WEBHOOK_CLIENT_CA_FILE is not set: admission webhooks accept any caller that reaches the serving port; only a NetworkPolicy (chart value webhook.controlPlaneCIDRs) keeps other pods from forging AdmissionReviews');
  }
  const webhookPems = webhookTrust?.cas.map((c) => c.toString()) ?? [];

  const holder: { server?: https.Server } = {};
  const contextOptions = () => {
    const ca = [...webhookPems, ...authenticator.clientCAs()];
    return { cert, key, ...(ca.length > 0 ? { ca } : {}) };
  };
  // A rotated front-proxy CA is offered to new connections; old ones carry on with what they verified.
  const authenticator = createRequestHeaderAuthenticator(log, () => holder.server?.setSecureContext(contextOptions()));
  const authReady = startWithRetry('the request-header authenticator', () => authenticator.start(), log);

  const server = https.createServer({
    ...contextOptions(),
    requestCert: true,
    // Decided per route: a webhook call and an API call need different certificates, and EKS presents none.
    rejectUnauthorized: false,
  }, (req: IncomingMessage, res: ServerResponse) => {
    noteServing();
    const path = (req.url ?? '/').split('?')[0]!;
    const route = path.startsWith('/admission/')
      ? handleAdmission(caches, req, res, log, { trust: webhookTrust, maxBodyBytes: cfg.ATRIUM_ADMISSION_MAX_BODY_BYTES })
      : handleTenancyApi(caches, req, res, log, authenticator, authReady);
    route.catch((err: unknown) => {
      log.error('request failed', { path, error: err instanceof Error ? err.stack ?? err.message : String(err) });
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'application/json');
      }
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 500, reason: 'InternalError', message: 'internal error; see the Atrium controller logs' }));
    });
  });
  holder.server = server;
  // The API server's webhook client (Go) keeps idle connections 90 s and reuses them. Node closes idle ones after
  // 5 s by default, racing the client's next request on them ("write: broken pipe", a failed admission), most often
  // right after the event loop was busy. Let the client close them first.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  // Errors of single connections (a client that hangs up mid-handshake, garbage instead of TLS) are theirs.
  server.on('tlsClientError', (err) => log.info('TLS handshake failed', { error: err.message }));
  await new Promise<void>((r) => server.listen(cfg.ATRIUM_SERVING_PORT, cfg.ATRIUM_SERVING_HOST, r));
  log.info('serving webhooks and tenancy API', { host: cfg.ATRIUM_SERVING_HOST, port: cfg.ATRIUM_SERVING_PORT, webhookClientAuth: !!webhookTrust });
  return server;
}
