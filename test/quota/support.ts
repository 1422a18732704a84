import { kubeRequest, type Impersonation } from '@/server/kube';
import { eventually, kubectl, kubectlJson, kubectlOk, uniqueName } from '@/test/support/kubectl';

/** An account with spaces (namespaces labelled into it) whose users may work in them, as tests need it. */
export interface TestAccount {
  name: string;
  spaces: string[];
  users: string[];
  cleanup(): Promise<void>;
}

/** Creates an account, `spaceCount` spaces and a RoleBinding to `admin` for `users` in each. */
export async function testAccount(prefix: string, spaceCount: number, users: string[] = ['dev']): Promise<TestAccount> {
  const name = uniqueName(prefix);
  const subjects = users.map((u) => ({ kind: 'User', name: u, apiGroup: 'rbac.authorization.k8s.io' }));
  await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name }, spec: { subjects } }));
  const spaces = Array.from({ length: spaceCount }, (_, i) => `${name}-s${i}`);
  const docs = spaces.flatMap((ns) => [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kiosk.sh/account': name } } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'quota-test-users', namespace: ns }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' }, subjects },
  ]);
  await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: docs }));
  return {
    name, spaces, users,
    async cleanup() {
      await kubectl(['delete', 'namespace', '--wait=false', '--ignore-not-found', ...spaces]);
      await kubectl(['delete', 'accounts.config.kiosk.sh', name, '--ignore-not-found']);
    },
  };
}

/** Applies an AccountQuota and waits until the controller has counted it (admission denies before that). */
export async function applyQuota(name: string, account: string, quota: object): Promise<void> {
  await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'AccountQuota', metadata: { name }, spec: { account, quota } }));
  const hard = (quota as { hard?: object }).hard ?? {};
  await eventually(async () => {
    const rec = await usageRecord(name);
    return rec && Object.keys(hard).every((k) => k in rec.used) && canonical(rec.spec) === canonical(quota);
  }, `the usage of AccountQuota ${name} to be counted`, 30_000);
}

/** JSON with object keys sorted, to compare what the API server echoes (it sorts map keys) with what we sent. */
function canonical(v: unknown): string {
  const sort = (x: unknown): unknown => (Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])])) : x);
  return JSON.stringify(sort(v));
}

export const deleteQuota = (name: string) => kubectl(['delete', 'accountquota', name, '--ignore-not-found']);

/** The usage record admission enforces: `used` includes charges in flight. */
export async function usageRecord(quota: string): Promise<{ used: Record<string, string>; spec: unknown; charges: number } | undefined> {
  const r = await kubectl(['-n', 'kiosk', 'get', 'configmap', `atrium-aq-${quota}`, '-o', 'json']);
  if (r.code !== 0) return undefined;
  const data = JSON.parse(r.stdout).data ?? {};
  return { used: JSON.parse(data.used ?? '{}'), spec: JSON.parse(data.spec ?? 'null'), charges: Object.keys(data).filter((k) => k.startsWith('charge.')).length };
}

/** Waits until the enforced usage of a quota equals `used` (for the resources given). */
export async function expectUsage(quota: string, used: Record<string, string>, timeoutMs = 15_000): Promise<void> {
  let last: unknown;
  try {
    await eventually(async () => {
      last = (await usageRecord(quota))?.used;
      return Object.entries(used).every(([k, v]) => (last as Record<string, string> | undefined)?.[k] === v);
    }, 'usage', timeoutMs);
  } catch {
    throw new Error(`usage of ${quota}: expected ${JSON.stringify(used)}, last seen ${JSON.stringify(last)}`);
  }
}

/** Waits until `status.total.used` of the AccountQuota equals `used`, and returns the status. */
export async function expectStatus(quota: string, used: Record<string, string>, timeoutMs = 15_000): Promise<any> {
  let last: any;
  try {
    return await eventually(async () => {
      last = (await kubectlJson(['get', 'accountquota', quota])).status;
      return Object.entries(used).every(([k, v]) => last?.total?.used?.[k] === v) && last;
    }, 'status', timeoutMs);
  } catch {
    throw new Error(`status of ${quota}: expected used ${JSON.stringify(used)}, last seen ${JSON.stringify(last)}`);
  }
}

export interface PodOptions {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
  labels?: Record<string, string>;
  spec?: Record<string, unknown>;
  containers?: number;
}

/** A pod manifest; `name` may end in `-` to be used as generateName. */
export function podManifest(name: string, namespace: string, o: PodOptions = {}): any {
  const resources = o.requests || o.limits ? { requests: o.requests, limits: o.limits } : undefined;
  const containers = Array.from({ length: o.containers ?? 1 }, (_, i) => ({ name: i === 0 ? 'app' : `app${i}`, image: 'nginx', resources }));
  const meta = name.endsWith('-') ? { generateName: name } : { name };
  return { apiVersion: 'v1', kind: 'Pod', metadata: { ...meta, namespace, labels: o.labels }, spec: { containers, ...o.spec } };
}

/** kubectl create of manifests from stdin, as the admin or `--as` someone; resolves with kubectl's result. */
export const kubectlCreate = (manifest: object, ...args: string[]) => kubectl(['create', '-f', '-', ...args], JSON.stringify(manifest));

/** Creates an object through the API server (as a user when `as` is given); the error message on failure. */
export async function createAs(path: string, body: object, as?: Impersonation): Promise<{ ok: true; obj: any } | { ok: false; code: number; message: string }> {
  try {
    return { ok: true, obj: await kubeRequest({ method: 'POST', path, body, as }) };
  } catch (e) {
    const err = e as { code?: number; message?: string };
    return { ok: false, code: err.code ?? 0, message: err.message ?? String(e) };
  }
}

export { eventually, kubectl, kubectlJson, kubectlOk, uniqueName };
