import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/prisma/generated/client';

export type { PrismaClient };

/** The one Prisma client of a store (this module owns the database; lint keeps everyone else out). */
export function createPrismaClient(url: string, opts: { max: number; timeoutMs: number; log: (msg: string) => void }): PrismaClient {
  const adapter = new PrismaPg(
    {
      connectionString: url,
      max: opts.max,
      // A database that does not answer must fail fast: a change waits on this before it is allowed.
      connectionTimeoutMillis: opts.timeoutMs,
      idleTimeoutMillis: 30_000,
      application_name: 'atrium',
    },
    {
      // A server that goes away kills idle connections; without these handlers pg's 'error' event would end the process.
      onPoolError: (err) => opts.log(`audit database: idle connection lost (${err.message})`),
      onConnectionError: (err) => opts.log(`audit database: connection lost (${err.message})`),
    },
  );
  return new PrismaClient({ adapter });
}
