// Prints: space create → mandatory 20-object template Deployed (p50/p99 over
// 100 spaces), and the controller's resident memory with 1,000 spaces.
// Targets from the issue: p99 ≤ 2 s; ≤ 200 MiB.
import { accounts } from '@/server/kube';
import { createSpace } from '@/server/use-cases/create-space';
import { controllerUp, kubectlApply } from '../scripts/lib/atrium';
import { clusterUp } from '../scripts/lib/cluster';
import { pidOf, run } from '../scripts/lib/proc';
import { kubeconfig, kubectlBin } from '../scripts/lib/paths';
import { percentile, rssMiB } from './stats';

const SPACES = Number(process.env.BENCH_TEMPLATE_SPACES ?? 100);
const IDLE_SPACES = Number(process.env.BENCH_IDLE_SPACES ?? 1000);
const tag = `bench-${Date.now().toString(36)}`;

await clusterUp();
await controllerUp();
const configMaps = Array.from({ length: 20 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { space: '${NAMESPACE}', i: String(i) } }));
await kubectlApply(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
  { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Template', metadata: { name: `${tag}-tpl` }, resources: { manifests: configMaps } },
  { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: `${tag}-a` }, spec: { subjects: [{ kind: 'User', name: 'dev' }], space: { templateInstances: [{ spec: { template: `${tag}-tpl` } }] } } },
  { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: `${tag}-idle` }, spec: { subjects: [{ kind: 'User', name: 'dba' }] } },
] }));
await new Promise((r) => setTimeout(r, 1000)); // the controller's caches see the new account

const durations: number[] = [];
for (let i = 0; i < SPACES; i++) {
  const all = (await accounts.list()).items;
  const started = performance.now();
  const r = await createSpace({ name: `${tag}-s${i}`, account: `${tag}-a` }, { username: 'dev', groups: ['system:authenticated'] }, {
    getAccount: (n) => all.find((a) => a.metadata.name === n), listAccounts: () => all,
  });
  if (!r.ok) throw new Error(`space ${i}: ${r.message}`);
  durations.push(performance.now() - started);
  if ((i + 1) % 25 === 0) console.log(`  … ${i + 1}/${SPACES} spaces created`);
}
console.log(`space create → 20-object template Deployed, ${SPACES} spaces: p50 ${percentile(durations, 50).toFixed(0)} ms, p99 ${percentile(durations, 99).toFixed(0)} ms (target p99 ≤ 2000 ms)`);

const batch = 100;
for (let i = 0; i < IDLE_SPACES; i += batch) {
  const docs = Array.from({ length: Math.min(batch, IDLE_SPACES - i) }, (_, j) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${tag}-idle-${i + j}, labels: {kiosk.sh/account: ${tag}-idle}}\n`);
  await kubectlApply(docs.join('---\n'));
}
const deadline = Date.now() + 300_000;
while (Date.now() < deadline) {
  const a = (await accounts.get(`${tag}-idle`))!;
  if ((a.status?.namespaces?.length ?? 0) >= IDLE_SPACES) break;
  await new Promise((r) => setTimeout(r, 1000));
}
await new Promise((r) => setTimeout(r, 5000));
const pid = pidOf('controller')!;
const m = rssMiB(pid);
const total = SPACES + IDLE_SPACES;
console.log(`controller resident memory with ${total} spaces: ${m.rss.toFixed(0)} MiB (peak ${m.peak.toFixed(0)} MiB; target ≤ 200 MiB)`);

// Clean up in the background of the cluster: namespace deletion is asynchronous.
await run(kubectlBin, ['--kubeconfig', kubeconfig, 'delete', 'namespaces', '-l', `kiosk.sh/account in (${tag}-a,${tag}-idle)`, '--wait=false']);
await run(kubectlBin, ['--kubeconfig', kubeconfig, 'delete', 'accounts.config.kiosk.sh', `${tag}-a`, `${tag}-idle`]);
await run(kubectlBin, ['--kubeconfig', kubeconfig, 'delete', 'template', `${tag}-tpl`]);
