import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caches } from '../caches';
import type { Logger } from '../runtime/logger';
import type { RequestHeaderAuthenticator } from './request-header-authenticator';
import { createTenancyApi, type TenancyApi } from './tenancy-api';

let api: TenancyApi | undefined;

/**
 * Every non-admission HTTPS request of the serving server: the aggregated
 * tenancy.kiosk.sh API. Created on first use, so a replica that never serves
 * it starts no RBAC informers for it.
 */
export async function handleTenancyApi(
  caches: Caches, req: IncomingMessage, res: ServerResponse, log: Logger, authenticator: RequestHeaderAuthenticator, authReady: Promise<void>,
): Promise<void> {
  api ??= createTenancyApi(caches, log, authenticator, authReady);
  await api.handle(req, res);
}
