import type { AuditContext, AuditStoreOptions } from './audit-context';
import { AuditSpool } from './audit-spool';
import { BatchWriter } from './batch-writer';
import { ChainLinker } from './chain-linker';
import { flushAuditSpool } from './flush-audit-spool';
import { insertEvents } from './insert-events';
import { listAuditEvents, streamAuditEvents } from './list-audit-events';
import type { PreparedEvent } from './prepare-event';
import { createLinkerPool, createPrismaClient } from './prisma-client';
import { recordAuditEvent } from './record-audit-event';
import type { AuditChainReport, AuditEvent, AuditEventInput, AuditFilter, AuditPage, AuditVerificationRecord, UsagePoint, UsageSampleInput } from './types';
import { pruneUsageSamples, recordUsageSamples, usageSeries } from './usage-samples';
import { lastAuditVerification, verifyAuditChain, type VerifyOptions } from './verify-audit-chain';
import { withAudit, type OutcomeOf } from './with-audit';

export interface AuditStore {
  recordAuditEvent(e: AuditEventInput): Promise<void>;
  withAudit<T>(e: Omit<AuditEventInput, 'outcome' | 'message'>, run: () => Promise<T>, outcomeOf?: OutcomeOf<T>): Promise<T>;
  listAuditEvents(filter?: AuditFilter, cursor?: string | null, limit?: number): Promise<AuditPage>;
  /** Pages of pageSize (default 1,000) are fetched as the consumer reads. */
  streamAuditEvents(filter?: AuditFilter, pageSize?: number): AsyncGenerator<AuditEvent>;
  verifyAuditChain(opts?: VerifyOptions): Promise<AuditChainReport>;
  lastAuditVerification(): Promise<AuditVerificationRecord | null>;
  recordUsageSamples(samples: UsageSampleInput[]): Promise<number>;
  usageSeries(quota: string, resource: string, since: Date, opts?: { space?: string | null }): Promise<UsagePoint[]>;
  pruneUsageSamples(olderThan?: Date): Promise<number>;
  /** Writes what waits in the spool now (the flusher also does, every flushIntervalMs). */
  flushAuditSpool(): Promise<{ written: number; pending: number }>;
  /** Links every event committed so far into the hash chain; resolves with how many it moved (also done on reads). */
  linkAuditChain(): Promise<number>;
  /** Events waiting in the spool: the database did not take them yet (or their change is still under way). */
  spooledEvents(): Promise<number>;
  /** Stops the flusher and closes the connections. */
  close(): Promise<void>;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** A store on one database and one spool directory. The app uses the default store (index.ts); tests make their own. */
export function createAuditStore(options: AuditStoreOptions): AuditStore {
  const log = options.log ?? ((m: string) => console.error(m));
  const opts: AuditContext['options'] = {
    databaseUrl: options.databaseUrl,
    spoolDir: options.spoolDir,
    poolMax: options.poolMax ?? 10,
    dbTimeoutMs: options.dbTimeoutMs ?? 3000,
    flushIntervalMs: options.flushIntervalMs ?? 5000,
    orphanAfterMs: options.orphanAfterMs ?? 600_000,
    usageRetentionDays: options.usageRetentionDays ?? 90,
    searchSliceAboveMatches: options.searchSliceAboveMatches ?? 200,
  };
  const { prisma, pool } = createPrismaClient(opts.databaseUrl, { max: opts.poolMax, timeoutMs: opts.dbTimeoutMs, log });
  const reachable = async () => {
    await withTimeout(prisma.$queryRaw`SELECT 1`, opts.dbTimeoutMs, 'The audit database');
  };
  const linkerPool = createLinkerPool(opts.databaseUrl, { timeoutMs: opts.dbTimeoutMs, log });
  const linker = new ChainLinker(async (max) => {
    const { rows } = await linkerPool.query<{ n: number }>('SELECT audit_link_inbox($1) AS n', [max]);
    return rows[0]!.n;
  }, log);
  const writer = new BatchWriter<PreparedEvent>(
    async (events) => {
      await withTimeout(insertEvents(pool, events), opts.dbTimeoutMs * 3, 'The audit database');
      // The events are durable now; linking them is not the caller's wait.
      linker.kick();
    },
    // Split a failed batch only if the database is up: then one event is at fault, not the connection.
    () => reachable().then(() => true, () => false),
    200,
    // One in flight, carrying everything that waited for it: every commit is a WAL flush and flushes queue behind one
    // another in the database, so a second write in flight mostly waited for the first one's flush and added a commit
    // of its own. In interleaved runs with 16 writers one was as good at saturation and better when paced
    // (docs/benchmarks.md). The pool's other connections stay free for reads.
    1,
  );
  const ctx: AuditContext = { prisma, pool, spool: new AuditSpool(opts.spoolDir), writer, linker, options: opts, log, reachable };

  let flushing: Promise<{ written: number; pending: number }> | undefined;
  const flush = () => {
    flushing ??= flushAuditSpool(ctx).finally(() => {
      flushing = undefined;
    });
    return flushing;
  };
  const timer = setInterval(() => {
    // The sweep: rows another process committed and could not link (it stopped right after) wait no longer than this.
    linker.kick();
    flush().then(
      (r) => r.written && log(`audit: wrote ${r.written} spooled event(s) to the database${r.pending ? `; ${r.pending} still waiting` : ''}`),
      (err) => log(`audit: flushing the spool failed: ${err instanceof Error ? err.message : err}`),
    );
  }, opts.flushIntervalMs);
  timer.unref();

  return {
    recordAuditEvent: (e) => recordAuditEvent(ctx, e),
    withAudit: (e, run, outcomeOf) => withAudit(ctx, e, run, outcomeOf),
    listAuditEvents: (filter, cursor, limit) => listAuditEvents(ctx, filter, cursor, limit),
    streamAuditEvents: (filter, pageSize) => streamAuditEvents(ctx, filter, pageSize),
    verifyAuditChain: (o) => verifyAuditChain(ctx, o),
    lastAuditVerification: () => lastAuditVerification(ctx),
    recordUsageSamples: (s) => recordUsageSamples(ctx, s),
    usageSeries: (q, r, since, o) => usageSeries(ctx, q, r, since, o),
    pruneUsageSamples: (olderThan) => pruneUsageSamples(ctx, olderThan),
    flushAuditSpool: flush,
    linkAuditChain: () => linker.linkNow(),
    spooledEvents: () => ctx.spool.count(),
    close: async () => {
      clearInterval(timer);
      linker.stop();
      await flushing?.catch(() => undefined);
      // What this process committed is linked before it goes (a failure leaves it to the next sweep anywhere).
      await withTimeout(linker.linkNow(), opts.dbTimeoutMs, 'The audit database').catch(() => undefined);
      await linkerPool.end().catch(() => undefined);
      await prisma.$disconnect();
    },
  };
}
