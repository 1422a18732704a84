import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The controller's Prometheus registry; served on /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'atrium_controller_' });

let auditSpoolSize: () => Promise<number> = async () => 0;
/** Where atrium_audit_spooled_events is read from at each scrape (the audit store, when auditing is on). */
export function setAuditSpoolSource(count: () => Promise<number>): void {
  auditSpoolSize = count;
}

export const metrics = {
  reconciles: new Counter({ name: 'atrium_reconcile_total', help: 'Reconciles by controller and result', labelNames: ['controller', 'result'], registers: [registry] }),
  reconcileSeconds: new Histogram({ name: 'atrium_reconcile_duration_seconds', help: 'Reconcile latency', labelNames: ['controller'], registers: [registry], buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] }),
  queueDepth: new Gauge({ name: 'atrium_workqueue_depth', help: 'Keys waiting in a controller queue', labelNames: ['controller'], registers: [registry] }),
  isLeader: new Gauge({ name: 'atrium_leader', help: '1 while this replica holds the leader Lease', registers: [registry] }),
  admissions: new Counter({ name: 'atrium_admission_total', help: 'Admission reviews by webhook and outcome', labelNames: ['webhook', 'allowed'], registers: [registry] }),
  // The audit trail (docs/operations.md alerts): events the database has not taken yet, and events lost outright.
  auditSpooled: new Gauge({
    name: 'atrium_audit_spooled_events', help: 'Audit events waiting in this replica\'s spool for the database', registers: [registry],
    async collect() {
      this.set(await auditSpoolSize().catch(() => Number.NaN));
    },
  }),
  auditLost: new Counter({ name: 'atrium_audit_events_lost_total', help: 'Audit events neither the database nor the spool took', registers: [registry] }),
  memoryReductions: new Counter({ name: 'atrium_memory_reductions_total', help: 'Memory-reducing GCs run after the resident size grew (runtime/memory-reducer.ts)', registers: [registry] }),
  admissionsRefused: new Counter({ name: 'atrium_admission_refused_total', help: 'Webhook calls refused before any rule ran: unauthenticated callers and malformed reviews', labelNames: ['webhook', 'reason'], registers: [registry] }),
};
