import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { devIdpState, type DevIdpState } from '../dev-idp/dev-idp-state';
import { httpsRequest } from './https-request';
import { consoleUrl, impersonationConsoleUrl, kubeconfig, kubectlBin, portOffset, root, stateDir } from './paths';
import { logFile, pidOf, run, startDaemon, stopDaemon, waitFor } from './proc';
import { info, step } from './step';

const NAME = 'idp';
export const idpPort = 5556 + portOffset;
/**
 * The development provider's issuer. kube-apiserver, the console and the
 * tokens' `iss` must agree character for character: no trailing slash, and
 * `localhost` (the name in the serving certificate), never 127.0.0.1.
 */
export const idpIssuer = `https://localhost:${idpPort}`;
/** The console's client at the provider, and the audience kube-apiserver requires. */
export const consoleClientId = 'atrium-console';
/** The dev cluster's CA, which signed the provider's serving certificate. */
export const idpCaFile = path.join(stateDir, 'pki', 'ca.crt');
const certFile = path.join(stateDir, 'pki', 'oidc-serving.crt');
const keyFile = path.join(stateDir, 'pki', 'oidc-serving.key');
const idpStateDir = path.join(stateDir, 'idp');
/** Same tsx-as-loader arrangement as the controller: a signal to the pid reaches the provider. */
const idpCommand = [process.execPath, '--import', 'tsx', path.join(root, 'scripts/dev-idp/main.ts')] as const;

/** The demo password, console client secret and keys, made once under .atrium/idp (mode 600). */
export function idpState(): DevIdpState {
  return devIdpState(idpStateDir);
}

/** Ready means serving discovery over HTTPS with the cluster CA, naming exactly our issuer. */
export async function idpReady(): Promise<boolean> {
  if (!existsSync(idpCaFile)) return false;
  const res = await httpsRequest(`${idpIssuer}/.well-known/openid-configuration`, { ca: readFileSync(idpCaFile, 'utf8'), timeoutMs: 2000 });
  return res.status === 200 && JSON.parse(res.body).issuer === idpIssuer;
}

/**
 * The provider's `admin` is the walkthrough's cluster admin: cluster-admin in
 * the dev cluster only (applied here, never by the chart).
 */
async function bindDevAdmin(): Promise<void> {
  await run(kubectlBin, ['--kubeconfig', kubeconfig, 'apply', '-f', '-'], {
    input: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: atrium-dev-idp-admin
  labels: {app.kubernetes.io/part-of: atrium-dev}
  annotations: {atrium.dev/why: "the dev identity provider's admin user is the dev cluster's admin; never in a real cluster"}
subjects:
- {kind: User, name: admin, apiGroup: rbac.authorization.k8s.io}
roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}
`,
  });
}

/**
 * Starts the development identity provider (after the cluster: it serves with
 * a certificate from the cluster's PKI) and binds its admin. Idempotent.
 */
export async function idpUp(): Promise<void> {
  if (!existsSync(certFile)) throw new Error(`${certFile} is missing: start the dev cluster first (npm run cluster:up), it makes the provider's certificate`);
  if (pidOf(NAME) && (await idpReady().catch(() => false))) {
    info(`identity provider already running at ${idpIssuer} (pid ${pidOf(NAME)})`);
  } else {
    await stopDaemon(NAME);
    await step(`Starting the development identity provider at ${idpIssuer}`, async () => {
      idpState(); // made here, before the provider and the console both read it
      startDaemon(NAME, idpCommand[0], idpCommand.slice(1), {
        ATRIUM_IDP_ISSUER: idpIssuer,
        ATRIUM_IDP_PORT: String(idpPort),
        ATRIUM_IDP_TLS_CERT_FILE: certFile,
        ATRIUM_IDP_TLS_KEY_FILE: keyFile,
        ATRIUM_IDP_STATE_DIR: idpStateDir,
        ATRIUM_IDP_CONSOLE_URLS: [consoleUrl, impersonationConsoleUrl].join(','),
        ATRIUM_IDP_CLIENT_ID: consoleClientId,
        // ATRIUM_IDP_ID_TOKEN_TTL passes through from the caller's environment.
      });
      await waitFor('identity provider', idpReady, { timeoutMs: 30_000, log: logFile(NAME), alive: () => !!pidOf(NAME) });
    });
  }
  await bindDevAdmin();
}

export async function idpDown(): Promise<void> {
  info((await stopDaemon(NAME)) ? 'identity provider stopped' : 'identity provider was not running');
}
