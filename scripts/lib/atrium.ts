import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeServingCert } from './certs';
import { installChartDev } from './install-chart';
import { helmBin, kubeconfig, kubectlBin, portOffset, root, stateDir } from './paths';
import { stackDatabaseUrl } from './postgres';
import { logFile, pidOf, run, startDaemon, stopDaemon, waitFor } from './proc';
import { info, step } from './step';

/** Ports of the host-run controller in the dev stack. */
export const controllerPorts = { health: 8081 + portOffset, serving: 9443 + portOffset };
const certDir = path.join(stateDir, 'atrium-pki');
/**
 * The controller runs in this very node process with tsx as a loader (not the
 * tsx CLI, which forks a child): a signal to the pid reaches the controller.
 */
export const controllerCommand = [process.execPath, '--import', 'tsx', path.join(root, 'server/controller/main.ts')] as const;
/**
 * glibc malloc settings the controller runs with (the chart sets the same).
 * Most of its resident memory was freed native memory glibc kept: response
 * bodies of large lists and watches, allocated and freed by the megabyte. A
 * fixed mmap threshold returns large blocks to the system when freed, and two
 * arenas stop each thread from keeping its own free memory. Measured in
 * docs/benchmarks.md.
 */
export const controllerMallocEnv = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };

/** The serving certificate of the dev controller, made once. */
export async function devServingCert(): Promise<{ caPem: string; certFile: string; keyFile: string }> {
  const f = (n: string) => path.join(certDir, n);
  if (!existsSync(f('tls.crt'))) {
    mkdirSync(certDir, { recursive: true });
    // tenancy-api.kiosk.svc: the aggregator verifies the name of the Service it resolved.
    const c = await makeServingCert('atrium-controller', ['localhost', 'tenancy-api.kiosk.svc', 'atrium-webhook.kiosk.svc']);
    writeFileSync(f('ca.crt'), c.caPem);
    writeFileSync(f('tls.crt'), c.certPem);
    writeFileSync(f('tls.key'), c.keyPem, { mode: 0o600 });
  }
  return { caPem: readFileSync(f('ca.crt'), 'utf8'), certFile: f('tls.crt'), keyFile: f('tls.key') };
}

/**
 * The client certificate the dev cluster's kube-apiserver presents to every admission webhook
 * (devcluster/extensions.go), signed by the cluster CA. The controller accepts webhook calls only with it; tests
 * that stand in for the API server present it too.
 */
export const webhookClient = {
  caFile: path.join(stateDir, 'pki', 'ca.crt'),
  certFile: path.join(stateDir, 'pki', 'webhook-client.crt'),
  keyFile: path.join(stateDir, 'pki', 'webhook-client.key'),
  name: 'kube-apiserver-webhook-client',
};

/** The controller's settings for authenticating webhook callers in the dev stack. */
export const webhookClientEnv = (): Record<string, string> => ({
  ATRIUM_WEBHOOK_CLIENT_CA_FILE: webhookClient.caFile,
  ATRIUM_WEBHOOK_CLIENT_NAMES: webhookClient.name,
});

/** kubectl apply of files/folders, or of a YAML string. */
export async function kubectlApply(yaml: string | string[]): Promise<void> {
  const args = Array.isArray(yaml) ? ['apply', ...yaml.flatMap((f) => ['-f', f])] : ['apply', '-f', '-'];
  await run(kubectlBin, ['--kubeconfig', kubeconfig, ...args], { input: Array.isArray(yaml) ? undefined : yaml });
}

/**
 * Installs Atrium into the dev cluster the way a cluster admin does, with the
 * Helm chart (devHost mode: APIService and webhooks point at the controller on
 * this host). CRDs are applied first on every run because Helm installs crds/
 * only once. Returns the kubeconfig of the chart's controller ServiceAccount.
 */
export async function installAtriumDev(): Promise<string> {
  const { caPem } = await devServingCert();
  await kubectlApply([path.join(root, 'deploy/chart/crds')]);
  await run(kubectlBin, ['--kubeconfig', kubeconfig, 'wait', '--for=condition=Established', '--timeout=60s', 'crd', '-l', 'app.kubernetes.io/part-of=atrium']);
  return installChartDev(caPem, controllerPorts.serving);
}

async function controllerReady(): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${controllerPorts.health}/readyz`, { signal: AbortSignal.timeout(2000) });
  return res.ok;
}

/** The controller image's entry point (npm run build:controller), run as the image runs it. */
export const controllerBundleCommand = [process.execPath, path.join(root, 'dist/controller/controller.mjs')] as const;

/**
 * Starts the controller on this host against the dev cluster, as the stack and the integration tests use it:
 * from source through tsx, or with `bundle` from dist/controller as the image runs it (the memory bench).
 */
export async function controllerUp(opts: { bundle?: boolean } = {}): Promise<void> {
  if (pidOf('controller') && (await controllerReady().catch(() => false))) {
    info(`controller already running (pid ${pidOf('controller')})`);
    return;
  }
  await stopDaemon('controller');
  const { certFile, keyFile } = await devServingCert();
  await step('Installing Atrium into the dev cluster and starting the controller', async () => {
    // The controller acts with exactly the RBAC the chart grants its ServiceAccount.
    const serviceAccountKubeconfig = await installAtriumDev();
    const command = opts.bundle ? controllerBundleCommand : controllerCommand;
    startDaemon('controller', command[0], command.slice(1), {
      ...controllerMallocEnv,
      ATRIUM_KUBECONFIG: serviceAccountKubeconfig,
      ATRIUM_NAMESPACE: 'kiosk',
      ATRIUM_HELM_BIN: helmBin,
      ATRIUM_HEALTH_PORT: String(controllerPorts.health),
      ATRIUM_SERVING_PORT: String(controllerPorts.serving),
      ATRIUM_SERVING_HOST: '127.0.0.1',
      ATRIUM_TLS_CERT_FILE: certFile,
      ATRIUM_TLS_KEY_FILE: keyFile,
      // The audit trail (API changes, decisions, usage history); without it the controller runs with auditing off.
      ...(stackDatabaseUrl() ? { DATABASE_URL: stackDatabaseUrl()!, ATRIUM_AUDIT_SPOOL_DIR: path.join(stateDir, 'audit-spool-controller') } : {}),
      ...webhookClientEnv(),
    });
    await waitFor('controller', controllerReady, { timeoutMs: 60_000, log: logFile('controller'), alive: () => !!pidOf('controller') });
  });
}

export async function controllerDown(): Promise<void> {
  info((await stopDaemon('controller')) ? 'controller stopped' : 'controller was not running');
}
