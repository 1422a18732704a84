import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '@/prisma/generated/client';

export type { PrismaClient };

/**
 * The one Prisma client of a store and the pool under it (this module owns the database; lint keeps everyone else
 * out). The pool is also used directly where Prisma's per-row cost would dominate: reading the whole chain.
 */
export function createPrismaClient(url: string, opts: { max: number; timeoutMs: number; log: (msg: string) => void }): { prisma: PrismaClient; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max,
    // A database that does not answer must fail fast: a change waits on this before it is allowed.
    connectionTimeoutMillis: opts.timeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: 'atrium',
  });
  // A server that goes away kills idle connections; without a handler pg's 'error' event would end the process.
  pool.on('error', (err) => opts.log(`audit database: idle connection lost (${err.message})`));
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true,
    onConnectionError: (err) => opts.log(`audit database: connection lost (${err.message})`),
  });
  return { prisma: new PrismaClient({ adapter }), pool };
}

/**
 * The linker's own connection. A linker call can wait for another process's linker (one at a time in the database);
 * on the writers' pool that wait would hold a connection their next insert needs (with one connection, all of them).
 */
export function createLinkerPool(url: string, opts: { timeoutMs: number; log: (msg: string) => void }): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: opts.timeoutMs, idleTimeoutMillis: 30_000, application_name: 'atrium-audit-linker' });
  pool.on('error', (err) => opts.log(`audit database: idle linker connection lost (${err.message})`));
  return pool;
}
