import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { env } from '@/server/env';
import type { Caches } from './caches';
import type { Logger } from './runtime/logger';
import { handleAdmission } from './webhooks/handle-admission';
import { handleTenancyApi } from './apiserver/handle-tenancy-api';

/**
 * The HTTPS endpoint every replica serves: admission webhooks under
 * /admission/ and the aggregated tenancy.kiosk.sh API under /apis/ (and the
 * discovery/OpenAPI paths the aggregator asks for). Client certificates are
 * requested but verified per route: only the API requires the front proxy's.
 */
export async function startServingServer(caches: Caches, log: Logger): Promise<https.Server | undefined> {
  const cfg = env();
  if (!cfg.ATRIUM_TLS_CERT_FILE || !cfg.ATRIUM_TLS_KEY_FILE) {
    log.warn('ATRIUM_TLS_CERT_FILE/ATRIUM_TLS_KEY_FILE not set: webhooks and the tenancy API are not served');
    return undefined;
  }
  const server = https.createServer({
    cert: readFileSync(cfg.ATRIUM_TLS_CERT_FILE),
    key: readFileSync(cfg.ATRIUM_TLS_KEY_FILE),
    requestCert: true,
    rejectUnauthorized: false,
  }, (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = path.startsWith('/admission/') ? handleAdmission(caches, req, res, log) : handleTenancyApi(caches, req, res, log);
    route.catch((err: unknown) => {
      log.error('request failed', { path, error: String(err) });
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'application/json');
      }
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 500, reason: 'InternalError', message: 'internal error; see the Atrium controller logs' }));
    });
  });
  await new Promise<void>((r) => server.listen(cfg.ATRIUM_SERVING_PORT, cfg.ATRIUM_SERVING_HOST, r));
  log.info('serving webhooks and tenancy API', { port: cfg.ATRIUM_SERVING_PORT });
  return server;
}
