// Prints the time to first byte (p50/p75/p99) of the console's Accounts page with BENCH_ACCOUNTS accounts and of an
// account page whose account owns BENCH_ACCOUNT_SPACES spaces, signed in as the admin through the real sign-in page,
// and the Kubernetes requests one view makes (the console's /api/metrics). Targets (issue 11): p75 ≤ 200 ms,
// ≤ 3 requests per view.
import { chromium } from '@playwright/test';
import { controllerUp, kubectlApply } from '../scripts/lib/atrium';
import { clusterUp } from '../scripts/lib/cluster';
import { consoleUp, consoleUrl } from '../scripts/lib/console';
import { idpUp } from '../scripts/lib/idp';
import { kubeconfig, kubectlBin } from '../scripts/lib/paths';
import { run } from '../scripts/lib/proc';
import { stackEnv } from '../e2e/support/stack';
import { percentile } from './stats';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1_000);
const SPACES = Number(process.env.BENCH_ACCOUNT_SPACES ?? 100);
const VIEWS = Number(process.env.BENCH_CONSOLE_VIEWS ?? 60);
// BENCH_ACCOUNTS_TAG names the run's objects: give an earlier run's tag (kept with BENCH_KEEP=1) to measure again
// without making them anew.
const tag = process.env.BENCH_ACCOUNTS_TAG ?? `bench-a${Date.now().toString(36)}`;
const keep = process.env.BENCH_KEEP === '1';
const big = `${tag}-big`;

await clusterUp();
await idpUp();
await controllerUp();
await consoleUp();

const kubectl = (args: string[]) => run(kubectlBin, ['--kubeconfig', kubeconfig, ...args]);
const account = (name: string, i: number) => ({
  apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name },
  spec: { space: { limit: 200 }, subjects: [{ kind: 'User', name: `${tag}-user-${i % 50}`, apiGroup: 'rbac.authorization.k8s.io' }] },
});
const quota = (name: string, acct: string) => ({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'AccountQuota', metadata: { name }, spec: { account: acct, quota: { hard: { pods: '100', 'requests.cpu': '10' } } } });

const started = Date.now();
for (let i = 0; i < ACCOUNTS; i += 200) {
  const n = Math.min(200, ACCOUNTS - i);
  const items = Array.from({ length: n }, (_, j) => (i + j === 0 ? account(big, 0) : account(`${tag}-${i + j}`, i + j)));
  // Every tenth account has a quota, so the list's "fullest quota" column has work to do.
  items.push(...(Array.from({ length: n }, (_, j) => i + j).filter((k) => k % 10 === 0).map((k) => quota(`${tag}-q${k}`, k === 0 ? big : `${tag}-${k}`)) as never[]));
  await kubectlApply(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
}
for (let i = 0; i < SPACES; i += 100) {
  const docs = Array.from({ length: Math.min(100, SPACES - i) }, (_, j) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `${tag}-s${i + j}`, labels: { 'kiosk.sh/account': big } } }));
  await kubectlApply(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: docs }));
}
// The account reconciler lists the spaces in the account's status; the account page shows them.
for (const deadline = Date.now() + 300_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 2000))) {
  const { stdout } = await run(kubectlBin, ['--kubeconfig', kubeconfig, 'get', 'accounts.config.kiosk.sh', big, '-o', 'jsonpath={.status.namespaces[*].name}']);
  if (stdout.split(' ').filter(Boolean).length >= SPACES) break;
}
console.log(`  ${ACCOUNTS} accounts, ${ACCOUNTS / 10} quotas and ${SPACES} spaces made in ${((Date.now() - started) / 1000).toFixed(0)} s`);

// A real session: the admin signs in through the development identity provider's page.
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const context = await browser.newContext({ ignoreHTTPSErrors: true });
const page = await context.newPage();
await page.goto(`${consoleUrl}/accounts`);
await page.getByRole('button', { name: /^Continue with/ }).click();
await page.getByLabel('Username').fill('admin');
await page.getByLabel('Password').fill(stackEnv().DEMO_PASSWORD ?? '');
await page.getByRole('button', { name: 'Sign in', exact: true }).click();
await page.waitForURL((u) => u.pathname === '/accounts', { timeout: 60_000 });
const cookie = (await context.cookies()).filter((c) => consoleUrl.includes(c.domain)).map((c) => `${c.name}=${c.value}`).join('; ');
await browser.close();

async function personRequests(): Promise<number> {
  const text = await (await fetch(`${consoleUrl}/api/metrics`)).text();
  return text.split('\n').filter((l) => l.startsWith('atrium_kube_requests_total{') && l.includes('as="person"')).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

async function measure(what: string, url: (i: number) => string): Promise<void> {
  for (let i = 0; i < 5; i++) await (await fetch(url(i), { headers: { cookie } })).text(); // warm-up
  const ttfb: number[] = [];
  const before = await personRequests();
  for (let i = 0; i < VIEWS; i++) {
    const t0 = performance.now();
    const res = await fetch(url(i), { headers: { cookie }, redirect: 'manual' });
    ttfb.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${url(i)} answered ${res.status}: is the session valid?`);
    await res.text();
  }
  const perView = ((await personRequests()) - before) / VIEWS;
  console.log(`${what}: TTFB p50 ${percentile(ttfb, 50).toFixed(0)} ms, p75 ${percentile(ttfb, 75).toFixed(0)} ms, p99 ${percentile(ttfb, 99).toFixed(0)} ms over ${VIEWS} views (target p75 ≤ 200 ms); Kubernetes requests per view ${perView.toFixed(1)} (target ≤ 3)`);
}

await measure(`Accounts, ${ACCOUNTS} accounts`, (i) => `${consoleUrl}/accounts?page=${(i % 10) + 1}${i % 3 === 0 ? `&q=${tag}-${i}` : ''}${i % 4 === 1 ? '&sort=usage' : ''}`);
await measure(`Account page, ${SPACES} spaces`, () => `${consoleUrl}/accounts/${big}`);

if (keep) console.log(`  kept the objects: BENCH_ACCOUNTS_TAG=${tag}`);
else {
  await kubectl(['delete', 'namespaces', '-l', `kiosk.sh/account=${big}`, '--wait=false']);
  const names = (await kubectl(['get', 'accounts.config.kiosk.sh,accountquotas', '-o', 'name'])).stdout.split('\n').filter((n) => n.includes(`/${tag}-`));
  for (let i = 0; i < names.length; i += 200) await kubectl(['delete', '--wait=false', ...names.slice(i, i + 200)]);
}
