import { existsSync } from 'node:fs';
import { apiserverPort, binDir, devclusterBin, kubeconfig, kubectlBin, stateDir } from './paths';
import { ensureDevclusterBuilt } from './devcluster';
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

/** Idempotent: builds if needed, starts the control plane in the background and waits for it. */
export async function clusterUp(): Promise<void> {
  await ensureDevclusterBuilt();
  if (pidOf(NAME) && (await clusterReady())) {
    info(`dev cluster already running (pid ${pidOf(NAME)})`);
  } else {
    await stopDaemon(NAME); // a half-started leftover
    await step(`Starting the dev control plane on https://127.0.0.1:${apiserverPort}`, async () => {
      startDaemon(NAME, devclusterBin, ['--data-dir', stateDir, '--port', String(apiserverPort)]);
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
