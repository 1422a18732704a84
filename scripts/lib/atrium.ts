import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeServingCert } from './certs';
import { installTenancyApiDev } from './install-tenancy-api';
import { helmBin, kubeconfig, kubectlBin, root, stateDir } from './paths';
import { logFile, pidOf, run, startDaemon, stopDaemon, waitFor } from './proc';
import { info, step } from './step';

/** Ports of the host-run controller in the dev stack. */
export const controllerPorts = { health: 8081, serving: 9443 };
const certDir = path.join(stateDir, 'atrium-pki');
/**
 * The controller runs in this very node process with tsx as a loader (not the
 * tsx CLI, which forks a child): a signal to the pid reaches the controller.
 */
export const controllerCommand = [process.execPath, '--import', 'tsx', path.join(root, 'server/controller/main.ts')] as const;

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

/** kubectl apply of files/folders, or of a YAML string. */
export async function kubectlApply(yaml: string | string[]): Promise<void> {
  const args = Array.isArray(yaml) ? ['apply', ...yaml.flatMap((f) => ['-f', f])] : ['apply', '-f', '-'];
  await run(kubectlBin, ['--kubeconfig', kubeconfig, ...args], { input: Array.isArray(yaml) ? undefined : yaml });
}

/**
 * Installs Atrium's cluster objects for a controller running on this host:
 * CRDs, shipped ClusterRoles, and webhook registration by URL (Endpoints may
 * not point at 127.0.0.1, so the in-cluster Service form is for real clusters).
 */
export async function installAtriumDev(): Promise<void> {
  const { caPem } = await devServingCert();
  const caBundle = Buffer.from(caPem).toString('base64');
  await kubectlApply([path.join(root, 'deploy/chart/crds'), path.join(root, 'deploy/chart/templates/clusterroles.yaml')]);
  await run(kubectlBin, ['--kubeconfig', kubeconfig, 'wait', '--for=condition=Established', '--timeout=60s', 'crd', '-l', 'app.kubernetes.io/part-of=atrium']);
  await kubectlApply(`apiVersion: v1
kind: Namespace
metadata: {name: kiosk}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: atrium-config, labels: {app.kubernetes.io/part-of: atrium}}
webhooks:
- name: config.atrium.kiosk.sh
  clientConfig: {url: "https://127.0.0.1:${controllerPorts.serving}/admission/config", caBundle: ${caBundle}}
  rules:
  - apiGroups: [config.kiosk.sh]
    apiVersions: [v1alpha1]
    operations: [CREATE, UPDATE]
    resources: [accounts, accountquotas, templateinstances]
  admissionReviewVersions: [v1]
  sideEffects: None
  timeoutSeconds: 5
  failurePolicy: Fail
`);
  await kubectlApply(accountQuotaWebhook(`https://127.0.0.1:${controllerPorts.serving}/admission/account-quota`, caBundle));
  await installTenancyApiDev(caBundle, controllerPorts.serving);
}

/**
 * The AccountQuota webhook (docs/adr/0003-exact-account-quota.md). It sees only namespaces labelled into an account,
 * so system namespaces and everything outside spaces never wait on Atrium. failurePolicy Fail, because letting
 * objects through unmetered while Atrium is unreachable would break the quota's promise; in exchange the timeout
 * is short (5 s, against the API server's 10 s default and its 30 s maximum), so an unresponsive replica costs a
 * tenant a quick, retriable error rather than a hung request. Only CREATE of any resource and UPDATE of the kinds
 * whose usage can grow (pods, in-place resize, services, claims) are sent; events and access reviews, which
 * upstream quota ignores, are filtered out by matchConditions. Dry runs are checked but never charged.
 */
export function accountQuotaWebhook(url: string, caBundle: string, name = 'atrium-account-quota'): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: ${name}, labels: {app.kubernetes.io/part-of: atrium}}
webhooks:
- name: accountquota.kiosk.sh
  clientConfig: {url: "${url}", caBundle: ${caBundle}}
  namespaceSelector:
    matchExpressions: [{key: kiosk.sh/account, operator: Exists}]
  rules:
  - {apiGroups: ["*"], apiVersions: ["*"], operations: [CREATE], resources: ["*"], scope: Namespaced}
  - {apiGroups: [""], apiVersions: [v1], operations: [UPDATE], resources: [pods, pods/resize, services, persistentvolumeclaims], scope: Namespaced}
  matchConditions:
  - name: counted-by-quota
    expression: "!(request.resource.resource == 'events' || request.resource.resource == 'bindings' || request.resource.group == 'authorization.k8s.io' || request.resource.group == 'authentication.k8s.io')"
  matchPolicy: Equivalent
  admissionReviewVersions: [v1]
  sideEffects: NoneOnDryRun
  timeoutSeconds: 5
  failurePolicy: Fail
`;
}

async function controllerReady(): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${controllerPorts.health}/readyz`, { signal: AbortSignal.timeout(2000) });
  return res.ok;
}

/** Starts the controller on this host against the dev cluster, as the stack and the integration tests use it. */
export async function controllerUp(): Promise<void> {
  if (pidOf('controller') && (await controllerReady().catch(() => false))) {
    info(`controller already running (pid ${pidOf('controller')})`);
    return;
  }
  await stopDaemon('controller');
  const { certFile, keyFile } = await devServingCert();
  await step('Installing Atrium into the dev cluster and starting the controller', async () => {
    await installAtriumDev();
    startDaemon('controller', controllerCommand[0], controllerCommand.slice(1), {
      ATRIUM_KUBECONFIG: kubeconfig,
      ATRIUM_NAMESPACE: 'kiosk',
      ATRIUM_HELM_BIN: helmBin,
      ATRIUM_HEALTH_PORT: String(controllerPorts.health),
      ATRIUM_SERVING_PORT: String(controllerPorts.serving),
      ATRIUM_SERVING_HOST: '127.0.0.1',
      ATRIUM_TLS_CERT_FILE: certFile,
      ATRIUM_TLS_KEY_FILE: keyFile,
    });
    await waitFor('controller', controllerReady, { timeoutMs: 60_000, log: logFile('controller'), alive: () => !!pidOf('controller') });
  });
}

export async function controllerDown(): Promise<void> {
  info((await stopDaemon('controller')) ? 'controller stopped' : 'controller was not running');
}
