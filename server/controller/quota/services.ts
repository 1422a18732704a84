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
    s = { store, charger: new QuotaCharger(store, { deadlineMs: cfg.ATRIUM_QUOTA_ADMISSION_DEADLINE_MS }) };
    perProcess.set(caches, s);
  }
  return s;
}
