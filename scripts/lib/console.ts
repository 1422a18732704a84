import { existsSync } from 'node:fs';
import path from 'node:path';
import { consoleClientId, idpCaFile, idpIssuer, idpState } from './idp';
import { consolePort, consoleUrl, root, stateDir, userKubeconfig } from './paths';
import { secretFile } from './secret-file';
import { logFile, pidOf, run, startDaemon, stopDaemon, waitFor } from './proc';
import { info, step } from './step';

const NAME = 'console';
export { consolePort, consoleUrl };
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

async function healthy(): Promise<boolean> {
  const res = await fetch(`${consoleUrl}/api/healthz`, { signal: AbortSignal.timeout(2000) });
  return res.ok;
}

/**
 * Sign-in settings of the console in the dev stack: the development identity
 * provider as its OIDC issuer, and a session secret made once.
 */
export function consoleAuthEnv(): Record<string, string> {
  return {
    OIDC_ISSUER: idpIssuer,
    OIDC_CLIENT_ID: consoleClientId,
    OIDC_CLIENT_SECRET: idpState().clientSecret,
    AUTH_SECRET: secretFile(path.join(stateDir, 'console', 'auth-secret')),
    AUTH_URL: consoleUrl,
    // The provider's certificate comes from the dev cluster's CA; Node reads this at start only.
    NODE_EXTRA_CA_CERTS: idpCaFile,
  };
}

export async function consoleUp(): Promise<void> {
  if (pidOf(NAME) && (await healthy().catch(() => false))) {
    info(`console already running at ${consoleUrl} (pid ${pidOf(NAME)})`);
    return;
  }
  await stopDaemon(NAME);
  await step('Building the console (next build)', async () => {
    // The build sees the same settings as the server: server/env.ts may validate them while prerendering.
    await run(process.execPath, [nextBin, 'build'], { cwd: root, env: { ...process.env, ...consoleAuthEnv(), NEXT_TELEMETRY_DISABLED: '1' } });
  });
  await step(`Starting the console at ${consoleUrl}`, async () => {
    startDaemon(NAME, process.execPath, [nextBin, 'start', '-p', String(consolePort)], {
      ...consoleAuthEnv(),
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      // The console's own identity; for users it will only impersonate.
      ATRIUM_KUBECONFIG: userKubeconfig('atrium-console'),
    });
    await waitFor('console', healthy, { timeoutMs: 60_000, log: logFile(NAME), alive: () => !!pidOf(NAME) });
  });
  if (!existsSync(userKubeconfig('atrium-console'))) info('warning: the console kubeconfig is missing; is the cluster up?');
}

export async function consoleDown(): Promise<void> {
  info((await stopDaemon(NAME)) ? 'console stopped' : 'console was not running');
}
