import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caches } from '../caches';
import type { Logger } from '../runtime/logger';

/** Placeholder until the tenancy.kiosk.sh API lands: answers 404 as a Status. */
export async function handleTenancyApi(_c: Caches, _req: IncomingMessage, res: ServerResponse, _log: Logger): Promise<void> {
  res.statusCode = 404;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404, reason: 'NotFound', message: 'not found' }));
}
