// npm run db:migrate — applies prisma/migrations (scripts/lib/migrate.ts) as the schema owner:
// DATABASE_MIGRATION_URL, else the dev stack's owner, else DATABASE_URL.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { env } from '../server/env';
import { migrateDatabase } from './lib/migrate';
import { databaseUrl, stackPostgres } from './lib/postgres';

const command = process.argv[2];
try {
  if (command !== 'migrate') throw new Error(`usage: db.ts migrate (got ${command ?? 'nothing'})`);
  const e = env();
  const devStack = existsSync(path.join(stackPostgres.dir, 'passwords.json'));
  const url = e.DATABASE_MIGRATION_URL ?? (devStack ? databaseUrl('owner') : e.DATABASE_URL);
  if (!url) throw new Error('Set DATABASE_MIGRATION_URL (or DATABASE_URL) to the database to migrate, as a role that owns its schema.');
  const applied = await migrateDatabase(url, e.ATRIUM_MIGRATIONS_DIR);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
