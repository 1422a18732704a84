import { existsSync, readFileSync } from 'node:fs';
import { apiserverPort, binDir, devclusterBin, kubeconfig, kubectlBin, stateDir } from './paths';
import { ensureDevclusterBuilt } from './devcluster';
import { consoleClientId, idpIssuer } from './idp';
import { logFile, pidOf, run, startDaemon, stopDaemon, waitFor } from './proc';
import { info, step } from './step';

const NAME = 'devcluster';

export async function clusterReady(): Promise<boolean> {
  if (!existsSync(kubeconfig) || !existsSync(kubectlBin)) return false;
  try {
    const { stdout } = await run(kubectlBin, ['--kubeconfig', kubeconfig, '--request-timeout=3s', 'get', '--raw', '/readyz']);
    return stdout.trim() === 'ok';
  } catch {
    return false;
  }
}

async function nodeReady(): Promise<boolean> {
  const { stdout } = await run(kubectlBin, ['--kubeconfig', kubeconfig, 'get', 'nodes', '-o', 'jsonpath={.items[*].status.conditions[?(@.type=="Ready")].status}']);
  return stdout.includes('True');
}

/**
 * kube-apiserver trusts the development identity provider's ID tokens (the
 * issuer need not be up yet: the API server keeps retrying its discovery).
 */
const devclusterArgs = ['--data-dir', stateDir, '--port', String(apiserverPort), '--oidc-issuer-url', idpIssuer, '--oidc-audience', consoleClientId];

/** A cluster started by an older checkout with other flags (say, without the issuer) is restarted, not reused. */
function runningWithOtherArgs(pid: number): boolean {
  try {
    const running = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(1, -1);
    return running.join(' ') !== devclusterArgs.join(' ');
  } catch {
    return false; // no /proc: trust the pid file
  }
}

/** Idempotent: builds if needed, starts the control plane in the background and waits for it. */
export async function clusterUp(): Promise<void> {
  await ensureDevclusterBuilt();
  const pid = pidOf(NAME);
  const otherArgs = !!pid && runningWithOtherArgs(pid);
  if (pid && !otherArgs && (await clusterReady())) {
    info(`dev cluster already running (pid ${pid})`);
  } else {
    if (otherArgs) info('the running dev cluster was started with other flags; restarting it (its data is kept)');
    await stopDaemon(NAME); // a half-started leftover, or other flags
    await step(`Starting the dev control plane on https://127.0.0.1:${apiserverPort}`, async () => {
      startDaemon(NAME, devclusterBin, devclusterArgs);
      await waitFor('kube-apiserver', clusterReady, { timeoutMs: 180_000, log: logFile(NAME), alive: () => !!pidOf(NAME) });
      await waitFor('the fake node', nodeReady, { timeoutMs: 60_000, log: logFile(NAME), alive: () => !!pidOf(NAME) });
    });
  }
  info(`kubeconfig: ${kubeconfig}`);
  info(`kubectl and helm: ${binDir}/`);
  info(`try: ${kubectlBin} --kubeconfig ${kubeconfig} get nodes`);
}

export async function clusterDown(): Promise<void> {
  const stopped = await stopDaemon(NAME);
  info(stopped ? 'dev cluster stopped' : 'dev cluster was not running');
}
