import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiserverPort, helmBin, kubeconfig, kubectlBin, root, stateDir, userKubeconfig } from './paths';
import { run } from './proc';

/**
 * Installs (or upgrades) the Helm chart into the dev cluster in devHost mode:
 * the APIService and webhooks point at the controller running on this host.
 * Returns a kubeconfig for the chart's controller ServiceAccount, so the host
 * controller runs with exactly the RBAC the chart grants — least privilege is
 * exercised by every test, not just written down.
 */
export async function installChartDev(caPem: string, port: number): Promise<string> {
  await run(helmBin, ['--kubeconfig', kubeconfig, 'upgrade', '--install', 'kiosk', path.join(root, 'deploy/chart'),
    '--namespace', 'kiosk', '--create-namespace', '--take-ownership', '--wait', '--timeout', '120s',
    '--set', 'devHost.enabled=true', '--set', `console.kubeAuthMode=${process.env.ATRIUM_STACK_IMPERSONATION_CONSOLE === 'true' ? 'impersonation' : 'passthrough'}`, '--set', `devHost.port=${port}`, '--set', `devHost.caBundle=${Buffer.from(caPem).toString('base64')}`]);
  const { stdout: token } = await run(kubectlBin, ['--kubeconfig', kubeconfig, '-n', 'kiosk', 'create', 'token', 'atrium-controller', '--duration=48h']);
  const file = userKubeconfig('atrium-controller');
  writeFileSync(file, `apiVersion: v1
kind: Config
clusters:
- name: atrium-dev
  cluster: {server: "https://127.0.0.1:${apiserverPort}", certificate-authority: ${path.join(stateDir, 'pki', 'ca.crt')}}
users:
- name: atrium-controller
  user: {token: ${token.trim()}}
contexts:
- name: atrium-dev
  context: {cluster: atrium-dev, user: atrium-controller}
current-context: atrium-dev
`, { mode: 0o600 });
  return file;
}
