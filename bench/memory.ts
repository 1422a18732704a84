// Prints the controller's memory under a repeatable load: BENCH_SPACES (1,000) spaces in BENCH_ACCOUNTS (100)
// accounts, each account with an AccountQuota and a space limit; then BENCH_CYCLES (3) cycles of
//   quota load: BENCH_PODS (2,000) pod creates across the spaces, some over quota (denied);
//   space-limit load: every account's tenant asks for spaces past its limit (denied);
//   a burst delete of every pod.
// After each step and BENCH_SETTLE_MS (75 s): resident memory and V8 heap in use, from the controller's own metrics.
// Targets from the issue: ≤ 200 MB after the load at 1,000 spaces, ≤ 300 MB at 10,000, no growth across cycles,
// and back down after the pods are deleted.
import { kubeRequest } from '@/server/kube';
import { controllerPorts, controllerUp } from '../scripts/lib/atrium';
import { clusterUp } from '../scripts/lib/cluster';
import path from 'node:path';
import { kubeconfig, kubectlBin, root } from '../scripts/lib/paths';
import { run, stopDaemon } from '../scripts/lib/proc';

const SPACES = Number(process.env.BENCH_SPACES ?? 1000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100);
const PODS = Number(process.env.BENCH_PODS ?? 2000);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 3);
// Long enough for the memory reducer (runtime/memory-reducer.ts: 15 s without requests, at most once a minute).
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 75_000);
const tag = `bench-mem-${Date.now().toString(36)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const account = (a: number) => `${tag}-a${a}`;
const space = (s: number) => `${tag}-s${s}`;
const tenant = (a: number) => `${tag}-t${a}`;
// Pods per account allowed: 80 % of what each cycle asks for, so a fifth of the creates are denied by the AccountQuota.
const perAccountPods = Math.ceil(PODS / ACCOUNTS);
const quotaPods = Math.floor(perAccountPods * 0.8);

async function inParallel<T>(items: T[], width: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

async function memory(): Promise<{ rss: number; heap: number }> {
  const text = await (await fetch(`http://127.0.0.1:${controllerPorts.health}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
  return { rss: value('atrium_controller_process_resident_memory_bytes'), heap: value('atrium_controller_nodejs_heap_size_used_bytes') };
}
const rows: string[] = [];
async function report(what: string) {
  await sleep(SETTLE_MS);
  const m = await memory();
  const line = `  ${what.padEnd(44)} RSS ${m.rss.toFixed(0).padStart(4)} MiB, V8 heap used ${m.heap.toFixed(0).padStart(4)} MiB`;
  rows.push(line);
  console.log(line);
}

// The controller as its image runs it (the esbuild bundle, no tsx in the process) unless BENCH_CONTROLLER=source.
const fromBundle = process.env.BENCH_CONTROLLER !== 'source';
await clusterUp();
if (fromBundle) {
  await run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/build-controller.ts')], { cwd: root });
  await stopDaemon('controller');
}
await controllerUp({ bundle: fromBundle });
console.log(`memory bench: ${SPACES} spaces in ${ACCOUNTS} accounts, ${CYCLES} cycles of ${PODS} pod creates (quota ${quotaPods} pods per account) and ${ACCOUNTS * 3} space creates past the limit (run ${tag})`);
await report('before');

try {
  await inParallel(Array.from({ length: ACCOUNTS }, (_, a) => a), 8, async (a) => {
    await kubeRequest({ method: 'POST', path: '/apis/config.kiosk.sh/v1alpha1/accounts', body: {
      apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: account(a), labels: { 'atrium-bench': tag } },
      spec: { space: { limit: Math.ceil(SPACES / ACCOUNTS) }, subjects: [{ kind: 'User', name: tenant(a), apiGroup: 'rbac.authorization.k8s.io' }] },
    } });
    await kubeRequest({ method: 'POST', path: '/apis/config.kiosk.sh/v1alpha1/accountquotas', body: {
      apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'AccountQuota', metadata: { name: account(a), labels: { 'atrium-bench': tag } },
      spec: { account: account(a), quota: { hard: { pods: String(quotaPods), 'limits.cpu': '100', 'limits.memory': '100Gi' } } },
    } });
  });
  // Tenants may create spaces (kiosk-edit), as account members usually can; the space limit refuses them.
  await kubeRequest({ method: 'POST', path: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', body: {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `${tag}-edit`, labels: { 'atrium-bench': tag } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kiosk-edit' },
    subjects: Array.from({ length: ACCOUNTS }, (_, a) => ({ kind: 'User', name: tenant(a), apiGroup: 'rbac.authorization.k8s.io' })),
  } });
  await inParallel(Array.from({ length: SPACES }, (_, s) => s), 16, (s) => kubeRequest({ method: 'POST', path: '/api/v1/namespaces', body: {
    metadata: { name: space(s), labels: { 'atrium-bench': tag, 'kiosk.sh/account': account(s % ACCOUNTS) } },
  } }));
  // Pods need their namespace's default ServiceAccount, which the controller-manager creates shortly after the namespace.
  for (;;) {
    const sas = (await kubeRequest<{ items: { metadata: { namespace: string } }[] }>({ path: '/api/v1/serviceaccounts', query: { fieldSelector: 'metadata.name=default' } })).items;
    if (sas.filter((sa) => sa.metadata.namespace.startsWith(`${tag}-s`)).length >= SPACES) break;
    await sleep(1000);
  }
  await report(`with ${SPACES} spaces, ${ACCOUNTS} accounts and quotas`);

  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    let admitted = 0;
    let denied = 0;
    await inParallel(Array.from({ length: PODS }, (_, i) => i), 16, async (i) => {
      const ns = space(i % SPACES);
      await kubeRequest({ method: 'POST', path: `/api/v1/namespaces/${ns}/pods`, body: {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${cycle}-${i}`, namespace: ns, labels: { app: 'bench' } },
        spec: { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '10m', memory: '16Mi' } } }] },
      } }).then(() => admitted++, () => denied++);
    });
    let refused = 0;
    await inParallel(Array.from({ length: ACCOUNTS * 3 }, (_, i) => i), 8, (i) => kubeRequest({
      method: 'POST', path: '/apis/tenancy.kiosk.sh/v1alpha1/spaces', as: { user: tenant(i % ACCOUNTS), groups: ['system:authenticated'] },
      body: { apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space', metadata: { name: `${tag}-x${cycle}-${i}` }, spec: { account: account(i % ACCOUNTS) } },
    }).catch(() => refused++));
    console.log(`  cycle ${cycle}: ${admitted} pods admitted, ${denied} denied by quota; ${refused} of ${ACCOUNTS * 3} spaces refused past the limit`);
    await report(`cycle ${cycle}, after the load`);
    await inParallel(Array.from({ length: SPACES }, (_, s) => space(s)), 16, (ns) => kubeRequest({
      method: 'DELETE', path: `/api/v1/namespaces/${ns}/pods`, query: { gracePeriodSeconds: '0' },
    }));
    for (;;) {
      const left = (await kubeRequest<{ items: unknown[] }>({ path: '/api/v1/pods', query: { labelSelector: 'app=bench' } })).items.length;
      if (left === 0) break;
      await sleep(1000);
    }
    await report(`cycle ${cycle}, after deleting every pod`);
  }
} finally {
  await run(kubectlBin, ['--kubeconfig', kubeconfig, 'delete', 'namespaces', '-l', `atrium-bench=${tag}`, '--wait=false']);
  await run(kubectlBin, ['--kubeconfig', kubeconfig, 'delete', 'accountquotas,accounts.config.kiosk.sh,clusterrolebindings', '-l', `atrium-bench=${tag}`, '--wait=false']);
}
if (fromBundle) {
  await stopDaemon('controller');
  await controllerUp();
}
console.log(`\nmemory bench summary, controller ${fromBundle ? 'from dist/controller (as the image runs it)' : 'from source through tsx'} (targets: ≤ 200 MB after the load at 1,000 spaces, ≤ 300 MB at 10,000, no growth across cycles):`);
rows.forEach((r) => console.log(r));
