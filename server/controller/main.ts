// The controller process: every replica serves admission webhooks (and the
// tenancy.kiosk.sh API); the elected leader runs the reconcilers.
import { hostname } from 'node:os';
import { env } from '@/server/env';
import { ACCOUNT_LABEL } from '@/server/tenancy';
import { controllerAudit, initControllerAudit } from './audit/controller-audit';
import { initQuotaDenials } from './audit/quota-denial-counter';
import { initUsageSampler } from './audit/usage-sampler';
import { allSynced, createCaches, spacesOf, startCaches } from './caches';
import { startHealthServer } from './health-server';
import { QuotaUsage } from './quota/quota-usage';
import { quotaServices } from './quota/services';
import { reconcileAccount } from './reconcilers/account';
import { reconcileAccountQuota } from './reconcilers/account-quota';
import { reconcileSpace } from './reconcilers/space';
import { reconcileTemplateInstance } from './reconcilers/template-instance';
import { Controller } from './runtime/controller';
import { LeaderElector } from './runtime/leader-election';
import { jsonLogger } from './runtime/logger';
import { startMemoryReducer } from './runtime/memory-reducer';
import { metrics } from './runtime/metrics';
import { startServingServer } from './serving-server';

const cfg = env();
const identity = cfg.ATRIUM_POD_NAME ?? `${hostname()}-${process.pid}`;
const log = jsonLogger({ component: 'controller', replica: identity });
const caches = createCaches(log);
const sampler = initUsageSampler(log, initControllerAudit(log, identity).enabled);
const quotaDenials = initQuotaDenials(identity);

const accountsCtl = new Controller({ name: 'account', log, reconcile: (k) => reconcileAccount(caches, k) });
const spacesCtl = new Controller({ name: 'space', log, workers: 4, reconcile: (k) => reconcileSpace(caches, k) });
const templateInstancesCtl = new Controller({ name: 'templateinstance', log, workers: 4, reconcile: (k) => reconcileTemplateInstance(caches, k) });
// AccountQuota usage: events are counted into per-quota ledgers (only while leading); the queue writes records and statuses.
const quotaUsage: QuotaUsage = new QuotaUsage(caches, quotaServices(caches).store, (q) => accountQuotasCtl.enqueue(q), log, {
  pendingTtlMs: cfg.ATRIUM_QUOTA_PENDING_TTL_SECONDS * 1000,
  pendingCheckMs: Math.min(cfg.ATRIUM_QUOTA_PENDING_CHECK_SECONDS, cfg.ATRIUM_QUOTA_PENDING_TTL_SECONDS) * 1000,
  recordIntervalMs: cfg.ATRIUM_QUOTA_RECORD_INTERVAL_MS,
  statusIntervalMs: cfg.ATRIUM_QUOTA_STATUS_INTERVAL_MS,
  recountIntervalMs: cfg.ATRIUM_QUOTA_RECOUNT_SECONDS * 1000,
});
const accountQuotasCtl = new Controller({ name: 'accountquota', log, workers: 4, reconcile: (k) => reconcileAccountQuota(quotaUsage, k) });
const controllers = [accountsCtl, spacesCtl, templateInstancesCtl, accountQuotasCtl];

// Informer events → keys. Handlers only enqueue; all work happens in reconcile.
caches.namespaces.on((_, ns) => {
  const account = ns.metadata.labels?.[ACCOUNT_LABEL];
  spacesCtl.enqueue(ns.metadata.name!);
  if (account) accountsCtl.enqueue(account);
});
// Spaces follow an account's spec, not its status: while thousands of spaces terminate the account's status changes
// with each of them, and re-queueing every space each time kept the space queue busy for minutes.
const accountSpecSeen = new Map<string, number | undefined>();
caches.accounts.on((event, a) => {
  const name = a.metadata.name!;
  accountsCtl.enqueue(name);
  const specChanged = event === 'delete' || !accountSpecSeen.has(name) || accountSpecSeen.get(name) !== a.metadata.generation;
  if (event === 'delete') accountSpecSeen.delete(name);
  else accountSpecSeen.set(name, a.metadata.generation);
  if (specChanged) for (const ns of spacesOf(caches, name)) spacesCtl.enqueue(ns.metadata.name!);
});
// The account's ClusterRole names its quotas: a quota created or deleted changes it.
caches.accountQuotas.on((_, q) => {
  if (q.spec?.account) accountsCtl.enqueue(q.spec.account);
});
caches.templateInstances.on((event, ti) => {
  templateInstancesCtl.enqueue(`${ti.metadata.namespace}/${ti.metadata.name}`);
  if (event === 'delete') spacesCtl.enqueue(ti.metadata.namespace!); // a deleted mandatory instance comes back
});
// A space's binding edited or deleted by hand is put back at once, as Kiosk's controller did.
caches.spaceRoleBindings.on((_, rb) => spacesCtl.enqueue(rb.metadata.namespace!));
caches.templates.on((_, t) => {
  for (const ti of caches.templateInstances.list()) {
    if (ti.spec.template === t.metadata.name) templateInstancesCtl.enqueue(`${ti.metadata.namespace}/${ti.metadata.name}`);
  }
});

function startReconciling() {
  metrics.isLeader.set(1);
  // Start first: a controller that led before gets a fresh queue on start.
  controllers.forEach((c) => c.start());
  quotaUsage.start();
  sampler?.start();
  // A new leader starts from a full pass: nothing seen by a previous leader is assumed.
  for (const a of caches.accounts.list()) accountsCtl.enqueue(a.metadata.name!);
  for (const ns of caches.namespaces.list()) spacesCtl.enqueue(ns.metadata.name!);
  for (const ti of caches.templateInstances.list()) templateInstancesCtl.enqueue(`${ti.metadata.namespace}/${ti.metadata.name}`);
}
function stopReconciling() {
  metrics.isLeader.set(0);
  void quotaUsage.stop();
  sampler?.stop();
  void Promise.all(controllers.map((c) => c.stop()));
}

const health = await startHealthServer(cfg.ATRIUM_HEALTH_PORT, () => allSynced(caches));
const serving = await startServingServer(caches, log);
startMemoryReducer(log);
await startCaches(caches);
log.info('caches synced');

const elector = cfg.ATRIUM_LEADER_ELECTION
  ? new LeaderElector({ namespace: cfg.ATRIUM_NAMESPACE, name: cfg.ATRIUM_LEASE_NAME, identity, onStartedLeading: startReconciling, onStoppedLeading: stopReconciling, log: log.info })
  : undefined;
if (elector) elector.start();
else startReconciling();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  await elector?.stop();
  await Promise.all(controllers.map((c) => c.stop()));
  await Promise.all(Object.values(caches).map((cache) => cache.stop()));
  quotaDenials.stop();
  await controllerAudit().drain();
  serving?.close();
  health.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
