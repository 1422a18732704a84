// Prints `kubectl get spaces --as=<tenant>` latency (p50/p99) with many spaces
// across many accounts, and the controller's resident memory. Not a test:
// numbers to compare between changes. BENCH_SPACES / BENCH_ACCOUNTS change the size.
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { kubeRequest } from '@/server/kube';
import { kubeconfig, kubectlBin } from '../scripts/lib/paths';
import { pidOf } from '../scripts/lib/proc';

const SPACES = Number(process.env.BENCH_SPACES ?? 1000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
// The cluster admin's list is every namespace: at 10,000 spaces each run takes seconds.
const ADMIN_RUNS = Number(process.env.BENCH_ADMIN_RUNS ?? RUNS);
// BENCH_RUN=<run> measures the spaces a previous run left (with BENCH_KEEP=1) instead of creating them again.
const reuse = process.env.BENCH_RUN;
const run = reuse ?? `bench-${randomBytes(2).toString('hex')}`;

function kubectl(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(kubectlBin, ['--kubeconfig', kubeconfig, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - started }));
    child.stdin.end(input ?? '');
  });
}
async function ok(args: string[], input?: string) {
  const r = await kubectl(args, input);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r;
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
function controllerRssMiB(): string {
  const pid = pidOf('controller');
  if (!pid) return 'n/a (controller pid unknown)';
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(/^\s*(\d+)/.exec(status.split(`${key}:`)[1] ?? '')?.[1] ?? 0) / 1024;
  return `${kb('VmRSS').toFixed(0)} MiB (peak ${kb('VmHWM').toFixed(0)} MiB)`;
}

let interrupted = 0;
/**
 * Latency of one request as kubectl -v=6 reports it, and the whole command's
 * wall time. A request that fails because the controller is restarting (the
 * dev stack is shared) is retried and not counted.
 */
async function timedGet(args: string[]): Promise<{ requestMs: number; wallMs: number; rows: number }> {
  let r = await kubectl(['get', 'spaces', '-v=6', ...args]);
  for (let tries = 0; r.code !== 0 && /ServiceUnavailable|connection refused|starting/.test(r.stderr) && tries < 120; tries++) {
    interrupted++;
    await new Promise((res) => setTimeout(res, 1000));
    r = await kubectl(['get', 'spaces', '-v=6', ...args]);
  }
  if (r.code !== 0) throw new Error(`kubectl get spaces: ${r.stderr.slice(-2000)}`);
  const requests = [...r.stderr.matchAll(/url="[^"]*\/apis\/tenancy\.kiosk\.sh\/v1alpha1\/spaces[^"]*" status="200 OK" milliseconds=(\d+)/g)];
  return { requestMs: requests.reduce((n, m) => n + Number(m[1]), 0), wallMs: r.ms, rows: r.stdout.trim().split('\n').length - 1 };
}

console.log(`tenancy.kiosk.sh bench: ${SPACES} spaces across ${ACCOUNTS} accounts (run ${run})`);
console.log(`controller RSS before: ${controllerRssMiB()}`);
async function inParallel<T>(items: T[], width: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}
let t = performance.now();
if (!reuse) {
  // Created in parallel through the API (kubectl apply of 10,000 documents is one object at a time).
  await inParallel(Array.from({ length: ACCOUNTS }, (_, a) => a), 8, (a) => kubeRequest({ method: 'POST', path: '/apis/config.kiosk.sh/v1alpha1/accounts', body: {
    apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: `${run}-a${a}`, labels: { 'atrium-bench': run } },
    spec: { subjects: [{ kind: 'User', name: `${run}-tenant-${a}`, apiGroup: 'rbac.authorization.k8s.io' }] },
  } }));
  await inParallel(Array.from({ length: SPACES }, (_, s) => s), 16, (s) => kubeRequest({ method: 'POST', path: '/api/v1/namespaces', body: {
    metadata: { name: `${run}-s${s}`, labels: { 'atrium-bench': run, 'kiosk.sh/account': `${run}-a${s % ACCOUNTS}` } },
  } }));
  console.log(`created ${ACCOUNTS} accounts and ${SPACES} namespaces in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

try {
  // The space reconciler binds each account's subjects in its spaces; the last tenant's spaces show when it is done.
  t = performance.now();
  const perAccount = Math.ceil(SPACES / ACCOUNTS);
  const last = `--as=${run}-tenant-${ACCOUNTS - 1}`;
  for (;;) {
    const bound = (await ok(['get', 'rolebindings', '-A', '-l', 'kiosk.sh/account', '-o', 'name'])).stdout.split('\n').filter((l) => l.includes(`/${run}-a`)).length;
    const seen = (await kubectl(['get', 'spaces', '-o', 'name', last])).stdout.trim().split('\n').filter(Boolean).length;
    if (bound >= SPACES && seen >= perAccount - 1) break;
    if (performance.now() - t > 600_000) throw new Error(`only ${bound} of ${SPACES} RoleBindings after 10 minutes`);
    await new Promise((r) => setTimeout(r, 2000));
  }
  console.log(`space reconciler bound all spaces in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  for (const [who, args] of [['tenant', (i: number) => [`--as=${run}-tenant-${i % ACCOUNTS}`]], ['cluster admin', () => []]] as const) {
    const request: number[] = [];
    const wall: number[] = [];
    let rows = 0;
    await timedGet(args(0)); // warm the authorization caches of this identity
    const runs = who === 'tenant' ? RUNS : ADMIN_RUNS;
    for (let i = 0; i < runs; i++) {
      const r = await timedGet(args(i));
      request.push(r.requestMs);
      wall.push(r.wallMs);
      rows = r.rows;
    }
    console.log(`kubectl get spaces as ${who} (${rows} rows shown, ${runs} runs${who === 'tenant' ? ', a different tenant each run' : ''}):`);
    console.log(`  API request (kubectl -v=6, via the aggregator): p50 ${pct(request, 50)} ms, p99 ${pct(request, 99)} ms`);
    console.log(`  whole kubectl command:                           p50 ${pct(wall, 50).toFixed(0)} ms, p99 ${pct(wall, 99).toFixed(0)} ms`);
  }
  console.log(`controller RSS with ${SPACES} spaces, right after the lists: ${controllerRssMiB()}`);
  // What stays resident once the lists' garbage is collected (runtime/memory-reducer.ts gives memory back once requests stop).
  await new Promise((r) => setTimeout(r, Number(process.env.BENCH_SETTLE_MS ?? 75_000)));
  console.log(`controller RSS with ${SPACES} spaces, after ${Number(process.env.BENCH_SETTLE_MS ?? 75_000) / 1000} s without requests: ${controllerRssMiB()}`);
  if (interrupted) console.log(`(${interrupted} requests hit a restarting controller and were retried, not counted)`);
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept: BENCH_RUN=${run} measures these spaces again`);
  else {
    await kubectl(['delete', 'namespace', '-l', `atrium-bench=${run}`, '--wait=false']);
    await kubectl(['delete', 'accounts.config.kiosk.sh', '-l', `atrium-bench=${run}`, '--wait=false']);
    console.log('cleanup started (namespaces terminate in the background)');
  }
}
