import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, whatever the current directory. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Everything the dev stack writes lives here (git-ignored). */
export const stateDir = path.join(root, '.atrium');
export const binDir = path.join(stateDir, 'bin');
export const logDir = path.join(stateDir, 'logs');
export const runDir = path.join(stateDir, 'run');
export const kubeconfig = path.join(stateDir, 'kubeconfig');
export const kubectlBin = path.join(binDir, 'kubectl');
export const helmBin = path.join(binDir, 'helm');
export const devclusterBin = path.join(binDir, 'devcluster');
/**
 * Added to every port of the dev stack, so two checkouts can run their stacks
 * side by side (ATRIUM_PORT_OFFSET=100 → apiserver 16543, console 3100, ...).
 */
export const portOffset = Number(process.env.ATRIUM_PORT_OFFSET ?? 0);
/** kube-apiserver port of the dev cluster; etcd takes the next two. */
export const apiserverPort = 16443 + portOffset;
export const consolePort = 3000 + portOffset;
/** localhost, not 127.0.0.1: next-auth builds redirect URLs from the host the browser used. */
export const consoleUrl = `http://localhost:${consolePort}`;
/** The test stack's second console, acting for people by impersonation (ATRIUM_KUBE_AUTH_MODE=impersonation). */
export const impersonationConsolePort = 3001 + portOffset;
export const impersonationConsoleUrl = `http://localhost:${impersonationConsolePort}`;
/** Where the dev cluster's authorization webhook (consulted for users named webhook-authz:*) is served by tests. */
export const authzWebhookPort = apiserverPort + 3;
export const userKubeconfig = (user: string) => path.join(stateDir, 'users', `${user}.kubeconfig`);
