import { existsSync } from 'node:fs';
import path from 'node:path';
import { portOffset, root, userKubeconfig } from './paths';
import { stackDatabaseUrl } from './postgres';
import { logFile, pidOf, run, startDaemon, stopDaemon, waitFor } from './proc';
import { info, step } from './step';

const NAME = 'console';
export const consolePort = 3000 + portOffset;
/** localhost, not 127.0.0.1: next-auth builds redirect URLs from the host the browser used. */
export const consoleUrl = `http://localhost:${consolePort}`;
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

async function healthy(): Promise<boolean> {
  const res = await fetch(`${consoleUrl}/api/healthz`, { signal: AbortSignal.timeout(2000) });
  return res.ok;
}

export async function consoleUp(): Promise<void> {
  if (pidOf(NAME) && (await healthy().catch(() => false))) {
    info(`console already running at ${consoleUrl} (pid ${pidOf(NAME)})`);
    return;
  }
  await stopDaemon(NAME);
  await step('Building the console (next build)', async () => {
    await run(process.execPath, [nextBin, 'build'], { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  });
  await step(`Starting the console at ${consoleUrl}`, async () => {
    startDaemon(NAME, process.execPath, [nextBin, 'start', '-p', String(consolePort)], {
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      // The console's own identity; for users it will only impersonate.
      ATRIUM_KUBECONFIG: userKubeconfig('atrium-console'),
      // The audit database as the application role (append-only on audit rows); stack.ts started it.
      ...(stackDatabaseUrl() ? { DATABASE_URL: stackDatabaseUrl()!, ATRIUM_AUDIT_SPOOL_DIR: path.join(root, '.atrium', 'audit-spool-console') } : {}),
    });
    await waitFor('console', healthy, { timeoutMs: 60_000, log: logFile(NAME), alive: () => !!pidOf(NAME) });
  });
  if (!existsSync(userKubeconfig('atrium-console'))) info('warning: the console kubeconfig is missing; is the cluster up?');
}

export async function consoleDown(): Promise<void> {
  info((await stopDaemon(NAME)) ? 'console stopped' : 'console was not running');
}
