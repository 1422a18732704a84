// PostgreSQL of the dev stack and the tests: Debian's server binaries, a data directory under .atrium/, TCP on
// 127.0.0.1 only. The roles are the ones production uses (docs/adr/0005-audit-trail.md): a superuser for setup, the
// migration owner, and the application role that may only add and read audit rows.
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { migrateDatabase } from './migrate';
import { portOffset, stateDir } from './paths';
import { run, sleep } from './proc';
import { writeStackEnv } from './stack-env';
import { info, step } from './step';

export interface PostgresInstance {
  /** Directory holding data/, the server log and the roles' passwords. */
  dir: string;
  port: number;
}

/** The stack's instance: port 5432 moved by ATRIUM_PORT_OFFSET. */
export const stackPostgres: PostgresInstance = { dir: path.join(stateDir, 'postgres'), port: 5432 + portOffset };
export const stackDatabase = 'atrium';
export const OWNER_ROLE = 'atrium_owner';
export const APP_ROLE = 'atrium_app';
const SUPERUSER = 'postgres';

type Role = 'superuser' | 'owner' | 'app';
type Passwords = Record<Role, string>;

const dataDir = (inst: PostgresInstance) => path.join(inst.dir, 'data');
export const postgresLog = (inst: PostgresInstance) => path.join(inst.dir, 'postgres.log');
const passwordsFile = (inst: PostgresInstance) => path.join(inst.dir, 'passwords.json');

/** Debian installs the server outside the PATH: /usr/lib/postgresql/<major>/bin. */
function pgBin(tool: string): string {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb'))) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`PostgreSQL server binaries not found under ${base}: install the Debian package "postgresql" (scripts/setup.sh does).`);
  return path.join(base, newest, 'bin', tool);
}

const isRoot = () => process.getuid?.() === 0;

/** initdb and the server refuse to run as root, which CI is: they run as the postgres OS user, who owns the directory. */
function asPostgres(cmd: string, args: string[]) {
  return isRoot() ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);
}

/**
 * The postgres OS user must be able to pass through every directory above the data (a checkout under `mktemp -d` or
 * /root is 0700, and initdb then fails with "Permission denied"). Directories it cannot pass get search permission
 * for others (o+x: entering, not listing), said out loud.
 */
function letPostgresReach(dir: string) {
  if (!isRoot()) return;
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if (!(mode & 0o001)) {
      chmodSync(d, mode | 0o001);
      info(`gave others search permission (o+x) on ${d}: PostgreSQL runs as the postgres user and must reach ${dir}`);
    }
    if (d === path.dirname(d)) return;
  }
}

function postgresOwnership(dir: string) {
  if (!isRoot()) return;
  const { uid, gid } = postgresIds();
  chownSync(dir, uid, gid);
}

function postgresIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('The postgres OS user does not exist; the Debian package "postgresql" creates it.');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function passwords(inst: PostgresInstance): Passwords {
  if (!existsSync(passwordsFile(inst))) {
    if (existsSync(path.join(dataDir(inst), 'PG_VERSION'))) {
      throw new Error(`${passwordsFile(inst)} is missing, so its database cannot be opened: remove ${inst.dir} to start over.`);
    }
    const p = () => randomBytes(18).toString('hex');
    mkdirSync(inst.dir, { recursive: true });
    writeFileSync(passwordsFile(inst), JSON.stringify({ superuser: p(), owner: p(), app: p() }), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(passwordsFile(inst), 'utf8')) as Passwords;
}

/** Connection URL of a role; `app` is what the console and the controller get as DATABASE_URL. */
export function databaseUrl(role: Role, database = stackDatabase, inst: PostgresInstance = stackPostgres): string {
  const user = { superuser: SUPERUSER, owner: OWNER_ROLE, app: APP_ROLE }[role];
  return `postgresql://${user}:${passwords(inst)[role]}@127.0.0.1:${inst.port}/${database}`;
}

/** Runs SQL with a fresh connection (setup, and tests that act as the superuser). */
export async function runSql<T = any>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** `n` connections held open, for probes that must not pay a connect per statement (the floor in bench/audit.ts). */
export async function openConnections(url: string, n: number): Promise<{ run(sql: string, params?: unknown[]): Promise<void>; end(): Promise<void> }[]> {
  return Promise.all(Array.from({ length: n }, async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await client.connect();
    // A connection runs one statement at a time: a caller that does not wait for its last one queues behind it here.
    let last: Promise<unknown> = Promise.resolve();
    const run = (sql: string, params: unknown[] = []) => {
      const done = last.then(() => client.query(sql, params)).then(() => undefined);
      last = done.catch(() => undefined);
      return done;
    };
    return { run, end: () => last.then(() => client.end()) };
  }));
}

async function accepting(inst: PostgresInstance): Promise<boolean> {
  try {
    await runSql(databaseUrl('superuser', 'postgres', inst), 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

async function running(inst: PostgresInstance): Promise<boolean> {
  if (!existsSync(path.join(dataDir(inst), 'postmaster.pid'))) return false;
  try {
    await asPostgres(pgBin('pg_ctl'), ['status', '-D', dataDir(inst)]);
    return true;
  } catch {
    return false;
  }
}

async function initdb(inst: PostgresInstance): Promise<void> {
  mkdirSync(inst.dir, { recursive: true });
  letPostgresReach(inst.dir);
  postgresOwnership(inst.dir);
  const pwfile = path.join(inst.dir, 'initdb-password');
  writeFileSync(pwfile, passwords(inst).superuser, { mode: 0o600 });
  postgresOwnership(pwfile);
  try {
    await asPostgres(pgBin('initdb'), ['-D', dataDir(inst), '-U', SUPERUSER, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale']);
  } finally {
    rmSync(pwfile, { force: true });
  }
  // TCP on loopback only; no Unix socket (its default directory may not be writable, and nothing needs it).
  appendFileSync(path.join(dataDir(inst), 'postgresql.conf'), [
    '',
    '# Atrium dev stack (scripts/lib/postgres.ts)',
    "listen_addresses = '127.0.0.1'",
    "unix_socket_directories = ''",
    'max_connections = 200',
    '',
  ].join('\n'));
}

// PostgreSQL's default of 128 MB of shared buffers is sized for a laptop that runs it on the side: the audit page's
// search indexes alone are ~100 MB at a million events, and reading them back from the OS page cache on every search
// cost 40 ms of a 50 ms budget (docs/benchmarks.md). The operations guide recommends the same for production.
const SERVER_SETTINGS = '-c shared_buffers=512MB';

/** Starts the server (initialising its directory the first time); idempotent. */
export async function startPostgres(inst: PostgresInstance = stackPostgres): Promise<void> {
  if (!existsSync(path.join(dataDir(inst), 'PG_VERSION'))) await initdb(inst);
  if ((await running(inst)) && (await accepting(inst))) return;
  await asPostgres(pgBin('pg_ctl'), ['start', '-D', dataDir(inst), '-l', postgresLog(inst), '-w', '-t', '60', '-o', `-p ${inst.port} ${SERVER_SETTINGS}`]).catch((err) => {
    const tail = existsSync(postgresLog(inst)) ? readFileSync(postgresLog(inst), 'utf8').split('\n').slice(-20).join('\n') : '';
    throw new Error(`PostgreSQL did not start on 127.0.0.1:${inst.port}: ${err instanceof Error ? err.message : err}\n${tail}`);
  });
  for (let i = 0; i < 100 && !(await accepting(inst)); i++) await sleep(100);
}

/** Stops the server: `fast` lets it shut down cleanly, `immediate` is a crash as far as clients can tell. */
export async function stopPostgres(inst: PostgresInstance = stackPostgres, mode: 'fast' | 'immediate' = 'fast'): Promise<boolean> {
  if (!(await running(inst))) return false;
  await asPostgres(pgBin('pg_ctl'), ['stop', '-D', dataDir(inst), '-m', mode, '-w', '-t', '60']);
  return true;
}

/** Creates the migration owner and the application role, with the passwords kept beside the data. */
async function ensureRoles(inst: PostgresInstance): Promise<void> {
  const p = passwords(inst);
  const su = databaseUrl('superuser', 'postgres', inst);
  for (const [role, password] of [[OWNER_ROLE, p.owner], [APP_ROLE, p.app]] as const) {
    const exists = (await runSql(su, 'SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).length > 0;
    // Role names are constants and passwords hex, so they can be spliced into DDL (which takes no parameters).
    await runSql(su, `${exists ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`);
  }
}

/** A database owned by the migration owner. Migrate it with migrateDatabase(databaseUrl('owner', name)). */
export async function createDatabase(name: string, inst: PostgresInstance = stackPostgres): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${JSON.stringify(name)}: use lowercase letters, digits and _`);
  const su = databaseUrl('superuser', 'postgres', inst);
  await ensureRoles(inst);
  if ((await runSql(su, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length === 0) {
    await runSql(su, `CREATE DATABASE ${name} OWNER ${OWNER_ROLE}`);
  }
}

export async function dropDatabase(name: string, inst: PostgresInstance = stackPostgres): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${JSON.stringify(name)}: use lowercase letters, digits and _`);
  await runSql(databaseUrl('superuser', 'postgres', inst), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** The stack's database server: started, with its roles and the `atrium` database (not yet migrated). */
export async function postgresUp(inst: PostgresInstance = stackPostgres): Promise<void> {
  if ((await running(inst)) && (await accepting(inst))) {
    info(`PostgreSQL already running on 127.0.0.1:${inst.port}`);
  } else {
    await step(`Starting PostgreSQL on 127.0.0.1:${inst.port} (${path.relative(process.cwd(), inst.dir) || inst.dir})`, () => startPostgres(inst));
  }
  await createDatabase(stackDatabase, inst);
  info(`server log: ${postgresLog(inst)}`);
}

export async function postgresDown(inst: PostgresInstance = stackPostgres): Promise<void> {
  info((await stopPostgres(inst)) ? 'PostgreSQL stopped' : 'PostgreSQL was not running');
}

/** A TCP port nobody listens on right now, for a throwaway instance. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The stack's audit database, ready for the console and the controller: server up, roles and database there,
 * migrations applied, and DATABASE_URL (the application role) in .atrium/stack.env.
 */
export async function stackDatabaseUp(): Promise<string> {
  await postgresUp();
  const applied = await migrateDatabase(databaseUrl('owner'));
  if (applied.length) info(`migrations applied: ${applied.join(', ')}`);
  const url = databaseUrl('app');
  writeStackEnv({ DATABASE_URL: url });
  return url;
}

/** The stack's DATABASE_URL if its database was ever set up (stackDatabaseUp), for processes the stack starts. */
export function stackDatabaseUrl(): string | undefined {
  return existsSync(passwordsFile(stackPostgres)) ? databaseUrl('app') : undefined;
}
