import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditOutcome } from '@/server/audit';
import { ACCOUNT_LABEL } from '@/server/tenancy';
import type { Caller } from '../apiserver/caller';
import { toStatus } from '../apiserver/status-errors';
import type { Caches } from '../caches';
import { controllerAudit } from './controller-audit';

const WRITES = new Set(['create', 'update', 'patch', 'delete']);

/** A write's outcome from its HTTP status: refused by RBAC or a Kiosk rule (the space limit) is `denied`. */
export function outcomeOfStatus(code: number): AuditOutcome {
  if (code < 400) return 'done';
  return code === 401 || code === 403 ? 'denied' : 'failed';
}

/**
 * Runs one tenancy.kiosk.sh request and, for writes (`kubectl create space`, `kubectl delete space` …), records who
 * did what and how it ended, source 'api' — after the answer was sent, so the caller never waits on the audit trail.
 * Dry runs are not recorded. The console's writes are (field manager atrium-console in the summary): the field manager
 * is the client's say-so, so it cannot be what keeps a change out of the trail.
 */
export async function recordTenancyWrite(
  caches: Pick<Caches, 'namespaces'>, caller: Caller, request: { verb: string; resource: string; name?: string }, query: URLSearchParams,
  req: IncomingMessage, res: ServerResponse, run: () => Promise<void>,
): Promise<void> {
  const audit = controllerAudit();
  if (!audit.enabled || !WRITES.has(request.verb) || query.get('dryRun') === 'All') return run();
  // The created object's name (generateName) and account are in the answer: keep what is sent.
  let sent: unknown;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] === 'string' || Buffer.isBuffer(args[0])) sent = args[0];
    return end(...args);
  }) as typeof res.end;
  let status: { code: number; message?: string } = { code: 500 };
  try {
    await run();
    status = { code: res.statusCode };
  } catch (err) {
    status = toStatus(err);
    throw err;
  } finally {
    res.end = end as typeof res.end;
    let body: { metadata?: { name?: string }; spec?: { account?: string }; details?: { name?: string } } | undefined;
    try {
      body = sent === undefined ? undefined : JSON.parse(String(sent));
    } catch {
      body = undefined;
    }
    // A refusal is a Status naming the object in its details.
    const name = request.name ?? body?.metadata?.name ?? body?.details?.name;
    const account = body?.spec?.account ?? (name ? caches.namespaces.get(name)?.metadata.labels?.[ACCOUNT_LABEL] : undefined);
    const kind = request.resource === 'spaces' ? 'Space' : 'Account';
    audit.record({
      requestId: `tenancy-api:${randomUUID()}`,
      source: 'api',
      actor: { username: caller.username, groups: caller.groups, via: 'api' },
      action: `${request.resource === 'spaces' ? 'space' : 'account'}.${request.verb}`,
      target: { kind, ...(name ? { name } : {}), ...(account ? { account } : {}), ...(kind === 'Space' && name ? { space: name } : {}) },
      summary: { via: 'tenancy.kiosk.sh', ...(query.get('fieldManager') ? { fieldManager: query.get('fieldManager') } : {}) },
      outcome: outcomeOfStatus(status.code),
      ...(status.code >= 400 && status.message ? { message: status.message } : {}),
      clientAddress: req.socket?.remoteAddress,
    });
  }
}
