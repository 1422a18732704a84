import { isNotFound, kubeRequest, resourcePath, type ObjectCache } from '@/server/kube';
import type { QuotaSpec, ResourceList } from '@/server/tenancy/quota';
import {
  QUOTA_ANNOTATION, configMapsRef, newRecordObject, newerRecord, parseRecord, recordName, recordPatch, type ConfigMapObject, type RecordChange, type UsageRecord,
} from './usage-record';

/**
 * Reads and writes usage records. Keeps the newest copy it knows of each (from the watch or from its own writes,
 * whichever has the higher resourceVersion), so back-to-back writes from one replica start from the right version
 * instead of conflicting with themselves.
 */
export class RecordStore {
  private readonly own = new Map<string, UsageRecord>();
  private readonly watched = new Map<string, string | undefined>();

  constructor(private readonly namespace: string, private readonly cache: ObjectCache<ConfigMapObject>) {}

  /** Calls back with the newest copy of a quota's record whenever the watch brings a version (undefined: deleted). */
  onChange(handler: (quota: string, rec: UsageRecord | undefined) => void): void {
    this.cache.on((event, cm) => {
      const quota = cm.metadata.annotations?.[QUOTA_ANNOTATION];
      if (!quota) return;
      handler(quota, event === 'delete' ? undefined : this.known(quota));
    });
  }

  /** The newest copy this replica knows of; may be behind the API server (a write then conflicts). */
  known(quota: string): UsageRecord | undefined {
    const cm = this.cache.get(recordName(quota), this.namespace);
    const own = this.own.get(quota);
    // parsing is only needed when the watch brings a version not looked at yet
    if (!cm || this.watched.get(quota) === cm.metadata.resourceVersion) return own;
    this.watched.set(quota, cm.metadata.resourceVersion);
    return this.remember(quota, parseRecord(cm)) ?? own;
  }

  /** The record as the API server has it now (a quorum read). */
  async fetch(quota: string): Promise<UsageRecord | undefined> {
    try {
      const cm = await kubeRequest<ConfigMapObject>({ path: resourcePath(configMapsRef, { namespace: this.namespace, name: recordName(quota) }), timeoutMs: 5000 });
      return this.remember(quota, parseRecord(cm));
    } catch (e) {
      if (isNotFound(e)) {
        this.own.delete(quota);
        return undefined;
      }
      throw e;
    }
  }

  /**
   * Writes a change computed from `rec`.
   * @throws KubeApiError 409 when the record changed since `rec` was read.
   */
  async patch(rec: UsageRecord, change: RecordChange): Promise<UsageRecord> {
    const cm = await kubeRequest<ConfigMapObject>({
      method: 'PATCH', path: resourcePath(configMapsRef, { namespace: this.namespace, name: rec.recordName }),
      body: recordPatch(rec, change), contentType: 'application/merge-patch+json', timeoutMs: 5000,
    });
    const next = parseRecord(cm);
    if (!next) throw new Error(`usage record ${rec.recordName} is not readable after writing it`);
    return this.remember(rec.quota, next)!;
  }

  /** Creates the record of a quota (the controller's first count). @throws KubeApiError 409 when it exists. */
  async create(quota: { name: string; uid: string; generation: number }, spec: QuotaSpec, used: ResourceList): Promise<UsageRecord> {
    const cm = await kubeRequest<ConfigMapObject>({
      method: 'POST', path: resourcePath(configMapsRef, { namespace: this.namespace }), body: newRecordObject(this.namespace, quota, spec, used), timeoutMs: 5000,
    });
    return this.remember(quota.name, parseRecord(cm))!;
  }

  /** Deletes a stale or damaged record, only if it is still the one we looked at. */
  async delete(quota: string, uid: string | undefined): Promise<void> {
    this.own.delete(quota);
    await kubeRequest({
      method: 'DELETE', path: resourcePath(configMapsRef, { namespace: this.namespace, name: recordName(quota) }),
      body: { kind: 'DeleteOptions', apiVersion: 'v1', ...(uid ? { preconditions: { uid } } : {}) },
    }).catch((e) => {
      if (!isNotFound(e)) throw e;
    });
  }

  private remember(quota: string, rec: UsageRecord | undefined): UsageRecord | undefined {
    if (!rec) return undefined;
    const newest = newerRecord(this.own.get(quota), rec)!;
    this.own.set(quota, newest);
    return newest;
  }
}
