// Applies prisma/migrations the way `prisma migrate deploy` does, for machines where Prisma's schema engine cannot be
// downloaded: folders in name order, each in one transaction, recorded in `_prisma_migrations` with Prisma's checksum,
// so either tool can take over from the other.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { root } from './paths';

export const migrationsDir = path.join(root, 'prisma', 'migrations');
/** The advisory lock key `prisma migrate` takes, so the two never run at once against one database. */
const PRISMA_MIGRATE_LOCK = 72707369;

/** Prisma's checksum: sha256 of the script with Unix line endings, in hex. */
export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script.replace(/\r\n/g, '\n')).digest('hex');
}

export interface Migration {
  name: string;
  script: string;
}

export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, script: readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') }));
}

/**
 * Brings the database at `url` (a role that owns the schema) up to date. Returns the names it applied. A migration
 * that fails is rolled back whole and stops the run, naming the migration and PostgreSQL's message.
 */
export async function migrateDatabase(url: string, dir = migrationsDir): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"');
    const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
    if (failed) {
      throw new Error(`Migration ${failed.migration_name} failed earlier (recorded by prisma migrate) and was not resolved; ` +
        `fix the database, then run: prisma migrate resolve --rolled-back ${failed.migration_name} (or --applied).`);
    }
    const done = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r.checksum]));
    for (const m of listMigrations(dir)) {
      const checksum = migrationChecksum(m.script);
      if (done.has(m.name)) {
        if (done.get(m.name) !== checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied (checksum differs). ` +
            'Never edit an applied migration: add a new one under prisma/migrations/.');
        }
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(m.script);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
          [randomUUID(), checksum, m.name]);
        await client.query('COMMIT');
        applied.push(m.name);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`Migration ${m.name} failed and was rolled back: ${err instanceof Error ? err.message : err}`);
      }
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]).catch(() => undefined);
    await client.end();
  }
}
