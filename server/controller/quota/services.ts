import { hostname } from 'node:os';
import { env } from '@/server/env';
import type { Caches } from '../caches';
import { QuotaCharger } from './charger';
import { RecordStore } from './record-store';

const perProcess = new WeakMap<Caches, { store: RecordStore; charger: QuotaCharger }>();

/** The usage-record store and the charger of this replica: one of each, shared by admission and the usage controller. */
export function quotaServices(caches: Caches): { store: RecordStore; charger: QuotaCharger } {
  let s = perProcess.get(caches);
  if (!s) {
    const cfg = env();
    const store = new RecordStore(cfg.ATRIUM_NAMESPACE, caches.quotaRecords);
    const replica = cfg.ATRIUM_POD_NAME ?? `${hostname()}-${process.pid}`;
    s = { store, charger: new QuotaCharger(store, { deadlineMs: cfg.ATRIUM_QUOTA_ADMISSION_DEADLINE_MS, replica, grantLifetimeMs: cfg.ATRIUM_QUOTA_GRANT_SECONDS * 1000 }) };
    perProcess.set(caches, s);
  }
  return s;
}
