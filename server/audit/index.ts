// server/audit owns the audit database: the only importer of the Prisma client and pg (lint-enforced).
// How it stays complete and tamper-evident: docs/adr/0005-audit-trail.md.
import { env } from '../env';
import { createAuditStore, type AuditStore } from './create-audit-store';
import { AuditUnavailableError } from './errors';
import type { OutcomeOf } from './with-audit';
import type { VerifyOptions } from './verify-audit-chain';
import type { AuditEventInput, AuditFilter, UsageSampleInput } from './types';

export type * from './types';
export type { AuditStore } from './create-audit-store';
export type { AuditStoreOptions } from './audit-context';
export type { OutcomeOf } from './with-audit';
export type { VerifyOptions } from './verify-audit-chain';
export { createAuditStore } from './create-audit-store';
export { AuditUnavailableError } from './errors';
export { outcomeOfError } from './with-audit';
export { auditEventsCsv, auditEventsJson } from './export-audit-events';
export { REDACTED } from './sanitize';

// One store per process, kept across Next.js dev reloads so pools are not leaked.
const holder = globalThis as typeof globalThis & { __atriumAuditStore?: AuditStore };

/** The process's store, from server/env.ts. Throws AuditUnavailableError when DATABASE_URL is not configured. */
export function auditStore(): AuditStore {
  if (!holder.__atriumAuditStore) {
    const e = env();
    if (!e.DATABASE_URL) {
      throw new AuditUnavailableError('The audit database is not configured (DATABASE_URL), so nothing was changed. Tell your cluster admin.');
    }
    holder.__atriumAuditStore = createAuditStore({
      databaseUrl: e.DATABASE_URL,
      spoolDir: e.ATRIUM_AUDIT_SPOOL_DIR,
      poolMax: e.ATRIUM_DB_POOL_MAX,
      dbTimeoutMs: e.ATRIUM_AUDIT_DB_TIMEOUT_MS,
      flushIntervalMs: e.ATRIUM_AUDIT_FLUSH_INTERVAL_MS,
      orphanAfterMs: e.ATRIUM_AUDIT_ORPHAN_SECONDS * 1000,
      usageRetentionDays: e.ATRIUM_USAGE_RETENTION_DAYS,
    });
  }
  return holder.__atriumAuditStore;
}

/** Records an event that is not itself a cluster change: sign-in, sign-out, failed sign-in, a controller decision. */
export async function recordAuditEvent(e: AuditEventInput): Promise<void> {
  return auditStore().recordAuditEvent(e);
}

/**
 * Runs a cluster change only if it can be audited, and records its outcome: refuses with AuditUnavailableError before
 * changing anything when the database cannot be reached; spools the outcome if the database fails afterwards.
 * Without `outcomeOf` a result is `done`; a thrown 401/403 or webhook denial is `denied`, other errors `failed`.
 */
export async function withAudit<T>(e: Omit<AuditEventInput, 'outcome' | 'message'>, run: () => Promise<T>, outcomeOf?: OutcomeOf<T>): Promise<T> {
  return auditStore().withAudit(e, run, outcomeOf);
}

/** A page of events, newest first; pass the previous page's nextCursor for the next. */
export const listAuditEvents = (filter: AuditFilter = {}, cursor?: string | null, limit?: number) => auditStore().listAuditEvents(filter, cursor, limit);
/** Every event of a filter, a page at a time, for export (see auditEventsCsv / auditEventsJson). */
export const streamAuditEvents = (filter: AuditFilter = {}) => auditStore().streamAuditEvents(filter);
export const verifyAuditChain = (opts?: VerifyOptions) => auditStore().verifyAuditChain(opts);
export const lastAuditVerification = () => auditStore().lastAuditVerification();
export const recordUsageSamples = (samples: UsageSampleInput[]) => auditStore().recordUsageSamples(samples);
export const usageSeries = (quota: string, resource: string, since: Date, opts?: { space?: string | null }) => auditStore().usageSeries(quota, resource, since, opts);
export const pruneUsageSamples = (olderThan?: Date) => auditStore().pruneUsageSamples(olderThan);
export const flushAuditSpool = () => auditStore().flushAuditSpool();
