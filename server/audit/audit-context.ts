import type pg from 'pg';
import type { AuditSpool } from './audit-spool';
import type { BatchWriter } from './batch-writer';
import type { ChainLinker } from './chain-linker';
import type { PreparedEvent } from './prepare-event';
import type { PrismaClient } from './prisma-client';

export interface AuditStoreOptions {
  /** The application role's URL. */
  databaseUrl: string;
  spoolDir: string;
  poolMax?: number;
  /** How long to wait for the database before a change is refused. */
  dbTimeoutMs?: number;
  flushIntervalMs?: number;
  /** Another process's journalled change is recorded as `unknown` after this long. */
  orphanAfterMs?: number;
  usageRetentionDays?: number;
  /**
   * Matches a search expects the time it has not looked at yet to hold (by the matches per second seen so far) above
   * which it asks the trigram index for a time slice before all of that time: a slice costs a trigram scan (1–5 ms)
   * plus ≈ 25 µs a match in it; all of the time left, the same per match there, so slicing pays beyond ~200.
   */
  searchSliceAboveMatches?: number;
  log?: (message: string) => void;
}

/** What the store's functions share. */
export interface AuditContext {
  prisma: PrismaClient;
  /** The pool under prisma, for bulk reads. */
  pool: pg.Pool;
  spool: AuditSpool;
  writer: BatchWriter<PreparedEvent>;
  /** Moves committed inbox rows into the chain (before reads, after writes, on the sweep timer). */
  linker: ChainLinker;
  options: Required<Omit<AuditStoreOptions, 'log'>>;
  log: (message: string) => void;
  /** Resolves if the database answers within dbTimeoutMs. */
  reachable: () => Promise<void>;
}
