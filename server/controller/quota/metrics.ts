import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from '../runtime/metrics';

/** AccountQuota metrics, served with the controller's others on /metrics. */
export const quotaMetrics = {
  admissionSeconds: new Histogram({
    name: 'atrium_accountquota_admission_duration_seconds', help: 'AccountQuota webhook handler latency, by whether it charged usage',
    labelNames: ['charged'], registers: [registry],
    buckets: [0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.0025, 0.003, 0.004, 0.005, 0.006, 0.008, 0.01, 0.0125, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  }),
  admissions: new Counter({
    name: 'atrium_accountquota_admissions_total', help: 'AccountQuota admission decisions by result: allowed, exceeded, constraint, unknown, busy, conflict, reserved (other replicas\' grants not back in time), error',
    labelNames: ['result'], registers: [registry],
  }),
  recordWriteSeconds: new Histogram({
    name: 'atrium_accountquota_record_write_duration_seconds', help: 'Latency of one usage record write (a PATCH to the API server), by writer',
    labelNames: ['writer'], registers: [registry], buckets: [0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1],
  }),
  recordWrites: new Counter({ name: 'atrium_accountquota_record_writes_total', help: 'Compare-and-swap writes of usage records, by writer (admission, controller)', labelNames: ['writer'], registers: [registry] }),
  recordConflicts: new Counter({ name: 'atrium_accountquota_record_conflicts_total', help: 'Usage record writes refused with 409 and retried, by writer', labelNames: ['writer'], registers: [registry] }),
  events: new Counter({ name: 'atrium_accountquota_events_total', help: 'Watch events of objects in spaces that an AccountQuota counts', registers: [registry] }),
  objectsEvaluated: new Counter({ name: 'atrium_accountquota_objects_evaluated_total', help: 'Objects whose usage was evaluated because of such watch events', registers: [registry] }),
  recountObjects: new Counter({ name: 'atrium_accountquota_recount_objects_total', help: 'Objects evaluated by full recounts (new quota, new leader, periodic check)', registers: [registry] }),
  drift: new Counter({ name: 'atrium_accountquota_drift_total', help: 'Full recounts that found the incremental usage wrong (and corrected it)', labelNames: ['quota'], registers: [registry] }),
  localAdmissions: new Counter({ name: 'atrium_accountquota_local_admissions_total', help: 'Charged admissions decided from this replica\'s grant, without a write (escrow)', registers: [registry] }),
  grantsHeld: new Gauge({ name: 'atrium_accountquota_grants_held', help: 'AccountQuotas this replica holds a grant (reserved headroom) of', registers: [registry] }),
  grantRevokes: new Counter({ name: 'atrium_accountquota_grant_revokes_total', help: 'Times this replica asked the other replicas to give their grants back before deciding near the limit', registers: [registry] }),
  grantsExpired: new Counter({ name: 'atrium_accountquota_grants_expired_total', help: 'Grants of replicas that stopped renewing them, removed by the leader after they expired', registers: [registry] }),
  chargesReleased: new Counter({ name: 'atrium_accountquota_charges_released_total', help: 'Charges released because their object never appeared, by cause', labelNames: ['cause'], registers: [registry] }),
};
