import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiserverPort, consoleUrl, helmBin, kubeconfig, kubectlBin, root, stateDir, userKubeconfig } from './paths';
import { run } from './proc';

/**
 * Values of a dev install (devHost mode): the APIService and webhooks point at the controller on this host, and the
 * console's settings name the dev identity provider. The chart's Deployments get pods from the dev cluster's fakelet,
 * which runs no containers: the controller and console run on this host with the chart's ServiceAccount tokens.
 */
export function devChartValues(caPem: string, port: number): string[] {
  const mode = process.env.ATRIUM_STACK_IMPERSONATION_CONSOLE === 'true' ? 'impersonation' : 'passthrough';
  return [
    '--set', 'devHost.enabled=true', '--set', `devHost.port=${port}`, '--set', `devHost.caBundle=${Buffer.from(caPem).toString('base64')}`,
    '--set', `console.kubeAuthMode=${mode}`, '--set', `console.url=${consoleUrl}`,
    '--set', 'console.sessionSecret.name=atrium-console-session', '--set', 'console.oidc.clientSecret.name=atrium-console-oidc',
    '--set', 'console.oidc.issuer=https://localhost/dev-idp', '--set', 'console.oidc.clientId=atrium-console',
    // One replica each: the dev cluster has one node.
    '--set', 'controller.replicas=1', '--set', 'console.replicas=1',
  ];
}

/**
 * Installs (or upgrades) the Helm chart into the dev cluster in devHost mode. Returns a kubeconfig for the chart's
 * controller ServiceAccount, so the host controller runs with exactly the RBAC the chart grants — least privilege is
 * exercised by every test, not just written down. The console's is written by serviceAccountKubeconfig.
 */
export async function installChartDev(caPem: string, port: number): Promise<string> {
  await run(helmBin, ['--kubeconfig', kubeconfig, 'upgrade', '--install', 'kiosk', path.join(root, 'deploy/chart'),
    '--namespace', 'kiosk', '--create-namespace', '--take-ownership', '--wait', '--timeout', '120s', ...devChartValues(caPem, port)]);
  await serviceAccountKubeconfig('atrium-console', consoleKubeconfig);
  return serviceAccountKubeconfig('atrium-controller');
}

/**
 * The console's kubeconfig in the dev stack: the chart's atrium-console ServiceAccount (not the dev cluster's static
 * atrium-console user, whose file devcluster rewrites on every start).
 */
export const consoleKubeconfig = userKubeconfig('atrium-console-serviceaccount');

/** A kubeconfig with a fresh token of one of the chart's ServiceAccounts (namespace kiosk). */
export async function serviceAccountKubeconfig(name: string, file = userKubeconfig(name)): Promise<string> {
  const { stdout: token } = await run(kubectlBin, ['--kubeconfig', kubeconfig, '-n', 'kiosk', 'create', 'token', name, '--duration=48h']);
  writeFileSync(file, `apiVersion: v1
kind: Config
clusters:
- name: atrium-dev
  cluster: {server: "https://127.0.0.1:${apiserverPort}", certificate-authority: ${path.join(stateDir, 'pki', 'ca.crt')}}
users:
- name: ${name}
  user: {token: ${token.trim()}}
contexts:
- name: atrium-dev
  context: {cluster: atrium-dev, user: ${name}}
current-context: atrium-dev
`, { mode: 0o600 });
  return file;
}
