// Prints the time to first byte (p50/p75/p99) of the console's My spaces page for a tenant with BENCH_CONSOLE_MINE
// spaces in a cluster with BENCH_CONSOLE_TOTAL, and the Kubernetes requests one page view makes (read from the
// console's /api/metrics). Targets (issue 8): p75 ≤ 200 ms, ≤ 3 requests per view.
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { controllerUp, kubectlApply } from '../scripts/lib/atrium';
import { clusterUp } from '../scripts/lib/cluster';
import { consoleUp, consoleUrl } from '../scripts/lib/console';
import { idpUp } from '../scripts/lib/idp';
import { kubeconfig, kubectlBin, userKubeconfig } from '../scripts/lib/paths';
import { run } from '../scripts/lib/proc';
import { percentile } from './stats';

const TOTAL = Number(process.env.BENCH_CONSOLE_TOTAL ?? 10_000);
const MINE = Number(process.env.BENCH_CONSOLE_MINE ?? 1_000);
const VIEWS = Number(process.env.BENCH_CONSOLE_VIEWS ?? 60);
const OTHER_ACCOUNTS = 9;
// BENCH_CONSOLE_TAG names the run's objects: give an interrupted run's tag to reuse what it created.
const tag = process.env.BENCH_CONSOLE_TAG ?? `bench-c${Date.now().toString(36)}`;

await clusterUp();
await idpUp();
await controllerUp();
await consoleUp();

const kubectl = (args: string[], input?: string) => run(kubectlBin, ['--kubeconfig', kubeconfig, ...args], { input });
const account = (name: string, user: string) => ({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name }, spec: { subjects: [{ kind: 'User', name: user, apiGroup: 'rbac.authorization.k8s.io' }] } });
await kubectlApply(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
  account(`${tag}-mine`, 'dev'),
  ...Array.from({ length: OTHER_ACCOUNTS }, (_, i) => account(`${tag}-o${i}`, `${tag}-someone-${i}`)),
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `${tag}-kiosk-edit` }, subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }], roleRef: { kind: 'ClusterRole', name: 'kiosk-edit', apiGroup: 'rbac.authorization.k8s.io' } },
] }));

const started = Date.now();
// A resumed run creates only what is missing: kubectl apply of unchanged objects costs as much client time as creating them.
const existing = new Set((await kubectl(['get', 'namespaces', '-o', 'name'])).stdout.split('\n').map((l) => l.replace('namespace/', '')));
const missing = Array.from({ length: TOTAL }, (_, n) => n).filter((n) => !existing.has(`${tag}-${n}`));
for (let i = 0; i < missing.length; i += 200) {
  const docs = missing.slice(i, i + 200).map((n) => {
    const owner = n < MINE ? `${tag}-mine` : `${tag}-o${n % OTHER_ACCOUNTS}`;
    return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `${tag}-${n}`, labels: { 'kiosk.sh/account': owner } } };
  });
  await kubectl(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: docs }));
  if ((i / 200) % 10 === 9) console.log(`  … ${i + 200}/${missing.length} namespaces, ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
// The space reconciler binds dev in each of their spaces; wait until dev sees them all.
const devToken = readFileSync(userKubeconfig('dev'), 'utf8').match(/token: (\S+)/)![1]!;
for (const deadline = Date.now() + 600_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 3000))) {
  const { stdout } = await run(kubectlBin, ['--kubeconfig', userKubeconfig('dev'), 'get', 'spaces', '-o', 'name']);
  const seen = stdout.split('\n').filter((l) => l.includes(`/${tag}-`)).length;
  if (seen >= MINE) break;
}

// A real session: dev signs in with their token on the sign-in page.
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await (await browser.newContext()).newPage();
await page.goto(`${consoleUrl}/signin?callbackUrl=/spaces`);
await page.getByLabel('Bearer token').fill(devToken);
await page.getByRole('button', { name: 'Sign in with token' }).click();
await page.waitForURL((u) => u.pathname === '/spaces', { timeout: 60_000 });
const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
await browser.close();

async function personRequests(): Promise<number> {
  const text = await (await fetch(`${consoleUrl}/api/metrics`)).text();
  return text.split('\n').filter((l) => l.startsWith('atrium_kube_requests_total{') && l.includes('as="person"')).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

const ttfb: number[] = [];
for (let i = 0; i < 5; i++) await (await fetch(`${consoleUrl}/spaces`, { headers: { cookie } })).text(); // warm-up
const before = await personRequests();
for (let i = 0; i < VIEWS; i++) {
  const url = `${consoleUrl}/spaces?page=${(i % 10) + 1}${i % 3 === 0 ? `&q=${tag}-${i}` : ''}`;
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  ttfb.push(performance.now() - t0);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: is the session valid?`);
  await res.text();
}
const perView = ((await personRequests()) - before) / VIEWS;
console.log(`My spaces, tenant with ${MINE} spaces in ${TOTAL}: TTFB p50 ${percentile(ttfb, 50).toFixed(0)} ms, p75 ${percentile(ttfb, 75).toFixed(0)} ms, p99 ${percentile(ttfb, 99).toFixed(0)} ms over ${VIEWS} views (target p75 ≤ 200 ms)`);
console.log(`Kubernetes requests per page view: ${perView.toFixed(1)} (target ≤ 3)`);

await kubectl(['delete', 'namespaces', '-l', `kiosk.sh/account in (${[`${tag}-mine`, ...Array.from({ length: OTHER_ACCOUNTS }, (_, i) => `${tag}-o${i}`)].join(',')})`, '--wait=false']);
await kubectl(['delete', 'clusterrolebinding', `${tag}-kiosk-edit`]);
for (const a of [`${tag}-mine`, ...Array.from({ length: OTHER_ACCOUNTS }, (_, i) => `${tag}-o${i}`)]) await kubectl(['delete', 'accounts.config.kiosk.sh', a, '--wait=false']);
