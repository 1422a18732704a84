import { auditStore, type AuditActor, type AuditEventInput } from '@/server/audit';
import { env } from '@/server/env';
import type { Logger } from '../runtime/logger';
import { metrics, setAuditSpoolSource } from '../runtime/metrics';

/**
 * The controller's side of the audit trail (docs/adr/0005-audit-trail.md): changes made through the Kubernetes API
 * that its webhooks and the tenancy.kiosk.sh API see, and its own decisions. Recording never delays or fails what is
 * recorded: the store writes in the background and spools to disk while the database is away.
 */
export interface ControllerAudit {
  readonly enabled: boolean;
  /** Who the controller's own decisions are made by. */
  readonly actor: AuditActor;
  record(e: AuditEventInput): void;
  /** Waits (at most `ms`) for what was recorded to reach the database or the spool, before the process exits. */
  drain(ms?: number): Promise<void>;
}

let current: ControllerAudit | undefined;

export function initControllerAudit(log: Logger, replica: string): ControllerAudit {
  const cfg = env();
  const actor: AuditActor = { username: `system:serviceaccount:${cfg.ATRIUM_NAMESPACE}:atrium-controller`, groups: [], via: 'controller' };
  if (!cfg.DATABASE_URL) {
    log.warn('audit trail off: DATABASE_URL is not set, so changes made through the API and controller decisions are not recorded');
    current = { enabled: false, actor, record: () => undefined, drain: async () => undefined };
    return current;
  }
  const store = auditStore();
  setAuditSpoolSource(() => store.spooledEvents());
  const inFlight = new Set<Promise<void>>();
  current = {
    enabled: true,
    actor,
    record(e) {
      const p = store.recordAuditEvent(e).catch((err: unknown) => {
        // Both the database and the spool failed: say so loudly, with what was lost.
        metrics.auditLost.inc();
        log.error('audit event lost: neither the database nor the spool took it', {
          requestId: e.requestId, action: e.action, actor: e.actor.username, target: e.target, replica, error: String(err),
        });
      }).finally(() => inFlight.delete(p));
      inFlight.add(p);
    },
    async drain(ms = 5000) {
      await Promise.race([Promise.all(inFlight), new Promise((r) => setTimeout(r, ms).unref())]);
    },
  };
  return current;
}

/** The process's recorder; a no-op outside the controller process (unit tests of reconcilers). */
export function controllerAudit(): ControllerAudit {
  return current ?? { enabled: false, actor: { username: 'atrium-controller', groups: [], via: 'controller' }, record: () => undefined, drain: async () => undefined };
}
