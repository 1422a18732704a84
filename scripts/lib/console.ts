import { existsSync } from 'node:fs';
import path from 'node:path';
import { consoleClientId, idpCaFile, idpIssuer, idpState } from './idp';
import { consoleKubeconfig, serviceAccountKubeconfig } from './install-chart';
import { consolePort, consoleUrl, impersonationConsolePort, impersonationConsoleUrl, portOffset, root, stateDir } from './paths';
import { stackDatabaseUrl } from './postgres';
import { secretFile } from './secret-file';
import { logFile, pidOf, run, startDaemon, stopDaemon, waitFor } from './proc';
import { info, step } from './step';

const NAME = 'console';
export { consolePort, consoleUrl };
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

/**
 * The test stack also runs a console in impersonation mode (ATRIUM_STACK_IMPERSONATION_CONSOLE=true, set by
 * scripts/test.sh), so the browser tests prove both ways of acting as a person; the demo runs only the default.
 */
export const withImpersonationConsole = process.env.ATRIUM_STACK_IMPERSONATION_CONSOLE === 'true';

interface ConsoleInstance {
  name: string;
  port: number;
  url: string;
  mode: 'passthrough' | 'impersonation';
}
const instances: ConsoleInstance[] = [
  { name: NAME, port: consolePort, url: consoleUrl, mode: 'passthrough' },
  ...(withImpersonationConsole ? [{ name: `${NAME}-impersonation`, port: impersonationConsolePort, url: impersonationConsoleUrl, mode: 'impersonation' as const }] : []),
];

async function healthy(url = consoleUrl): Promise<boolean> {
  const res = await fetch(`${url}/api/healthz`, { signal: AbortSignal.timeout(2000) });
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

/** Starts the consoles (building first unless `build: false` and a build is there, e.g. to pick up fresh tokens). */
export async function consoleUp(opts: { build?: boolean } = {}): Promise<void> {
  const running = await Promise.all(instances.map(async (c) => !!pidOf(c.name) && (await healthy(c.url).catch(() => false))));
  if (running.every(Boolean)) {
    info(`console already running at ${consoleUrl} (pid ${pidOf(NAME)})`);
    return;
  }
  for (const c of instances) await stopDaemon(c.name);
  // The chart writes it when it installs; a stack whose controller was already running skipped that step.
  if (!existsSync(consoleKubeconfig)) await serviceAccountKubeconfig('atrium-console', consoleKubeconfig).catch(() => undefined);
  if (opts.build !== false || !existsSync(path.join(root, '.next', 'BUILD_ID'))) await step('Building the console (next build)', async () => {
    // The build sees the same settings as the server: server/env.ts may validate them while prerendering.
    await run(process.execPath, [nextBin, 'build'], { cwd: root, env: { ...process.env, ...consoleAuthEnv(), NEXT_TELEMETRY_DISABLED: '1' } });
  });
  for (const c of instances) {
    await step(`Starting the console at ${c.url} (${c.mode})`, async () => {
      startDaemon(c.name, process.execPath, [nextBin, 'start', '-p', String(c.port)], {
        ...consoleAuthEnv(),
        AUTH_URL: c.url,
        ATRIUM_KUBE_AUTH_MODE: c.mode,
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
        // The chart's atrium-console ServiceAccount: no rights in pass-through mode; in impersonation mode the chart
        // lets it impersonate people (console.kubeAuthMode=impersonation). A rule the chart lacks fails the tests.
        ATRIUM_KUBECONFIG: consoleKubeconfig,
        // The audit database as the application role (append-only on audit rows); stack.ts started it.
        ...(stackDatabaseUrl() ? { DATABASE_URL: stackDatabaseUrl()!, ATRIUM_AUDIT_SPOOL_DIR: path.join(stateDir, `audit-spool-${c.name}`) } : {}),
        // The host-run controller's /metrics: the API server cannot proxy to loopback (docs/architecture.md, Health).
        ATRIUM_CONTROLLER_METRICS_URL: `http://127.0.0.1:${8081 + portOffset}/metrics`,
      });
      await waitFor('console', () => healthy(c.url), { timeoutMs: 60_000, log: logFile(c.name), alive: () => !!pidOf(c.name) });
    });
  }
  if (!existsSync(consoleKubeconfig)) info('warning: the console kubeconfig is missing; is Atrium installed (controller up)?');
}

export async function consoleDown(): Promise<void> {
  await stopDaemon(`${NAME}-impersonation`);
  info((await stopDaemon(NAME)) ? 'console stopped' : 'console was not running');
}
