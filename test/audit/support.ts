import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase } from '../../scripts/lib/migrate';
import { createDatabase, databaseUrl, dropDatabase, stackPostgres, type PostgresInstance } from '../../scripts/lib/postgres';
import { createAuditStore, type AuditActor, type AuditStore, type AuditStoreOptions } from '@/server/audit';

export interface TestDatabase {
  name: string;
  /** The application role: what the console and controller use. */
  appUrl: string;
  ownerUrl: string;
  superuserUrl: string;
  drop: () => Promise<void>;
}

/** A migrated database of its own, so a test can break its chain without touching anyone else's. */
export async function freshAuditDatabase(prefix: string, inst: PostgresInstance = stackPostgres): Promise<TestDatabase> {
  const name = `atrium_test_${prefix}_${randomBytes(4).toString('hex')}`;
  await createDatabase(name, inst);
  await migrateDatabase(databaseUrl('owner', name, inst));
  return {
    name,
    appUrl: databaseUrl('app', name, inst),
    ownerUrl: databaseUrl('owner', name, inst),
    superuserUrl: databaseUrl('superuser', name, inst),
    drop: () => dropDatabase(name, inst),
  };
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `atrium-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A store on a test database; the flusher runs only when the test calls it. */
export function testStore(url: string, spoolDir: string, opts: Partial<AuditStoreOptions> = {}): AuditStore {
  return createAuditStore({ databaseUrl: url, spoolDir, flushIntervalMs: 3_600_000, log: () => undefined, ...opts });
}

export const alice: AuditActor = { username: 'alice', groups: ['team-a', 'system:authenticated'], via: 'oidc', issuer: 'http://127.0.0.1:5556' };
export const bob: AuditActor = { username: 'bob', groups: ['team-b'], via: 'token' };

export const uid = () => randomBytes(6).toString('hex');
