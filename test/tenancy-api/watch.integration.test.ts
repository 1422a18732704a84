import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfig, kubectlBin } from '@/scripts/lib/paths';
import { eventually, kubectl, kubectlOk, uniqueName } from '@/test/support/kubectl';

// Watching spaces: the namespace watch, proxied and filtered per caller, with
// its resourceVersion semantics (resume, 410 Gone) and bookmarks.

const id = uniqueName('tw');
const user = `${id}-user`;
const account = `${id}-a`;
const mine = `${id}-mine`;
const other = `${id}-other`;
const SPACES = '/apis/tenancy.kiosk.sh/v1alpha1/spaces';

interface Stream {
  events: { type: string; object: any }[];
  lines: string[];
  stop(): void;
}
/** `kubectl get --raw <watch url>`, its events parsed as they stream in. */
function watchRaw(url: string, ...args: string[]): Stream {
  const child = spawn(kubectlBin, ['--kubeconfig', kubeconfig, 'get', '--raw', url, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const s: Stream = { events: [], lines: [], stop: () => child.kill() };
  let partial = '';
  child.stdout.on('data', (d: Buffer) => {
    partial += d;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts.filter(Boolean)) {
      s.lines.push(line);
      try {
        s.events.push(JSON.parse(line));
      } catch {
        // kubectl -w prints text, not JSON
      }
    }
  });
  return s;
}
const streams: Stream[] = [];
const open = (url: string, ...args: string[]) => {
  const s = watchRaw(url, ...args);
  streams.push(s);
  return s;
};

beforeAll(async () => {
  await kubectlOk(['apply', '-f', '-'], `apiVersion: config.kiosk.sh/v1alpha1
kind: Account
metadata: {name: ${account}}
spec:
  subjects: [{kind: User, name: ${user}, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: v1
kind: Namespace
metadata: {name: ${mine}, labels: {kiosk.sh/account: ${account}}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ${other}}
`);
  await eventually(async () => (await kubectlOk(['get', 'spaces', '-o', 'name', `--as=${user}`])).includes(mine), 'the user to see their space');
});

afterAll(async () => {
  streams.forEach((s) => s.stop());
  await kubectl(['delete', 'namespace', mine, other, '--wait=false', '--ignore-not-found']);
  await kubectl(['delete', 'accounts.config.kiosk.sh', account, '--wait=false', '--ignore-not-found']);
});

describe('watching spaces', () => {
  it('resumes from a list\'s resourceVersion and delivers only the caller\'s changes', async () => {
    const list = JSON.parse(await kubectlOk(['get', '--raw', SPACES, `--as=${user}`]));
    expect(list.items.map((s: any) => s.metadata.name)).toEqual([mine]);
    const w = open(`${SPACES}?watch=true&resourceVersion=${list.metadata.resourceVersion}&allowWatchBookmarks=true&timeoutSeconds=60`, `--as=${user}`);
    await new Promise((r) => setTimeout(r, 500));
    await kubectlOk(['label', 'namespace', other, 'step=1']);
    await kubectlOk(['label', 'namespace', mine, 'step=1']);
    const ev = await eventually(async () => w.events.find((e) => e.object?.metadata?.labels?.step === '1'), 'the change to arrive');
    expect(ev).toMatchObject({ type: 'MODIFIED', object: { apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space', metadata: { name: mine }, spec: { account } } });
    expect(ev.object.metadata.labels).not.toHaveProperty(['kiosk.sh/account']);
    expect(w.events.filter((e) => e.type !== 'BOOKMARK').map((e) => e.object.metadata.name)).toEqual([mine]);
  });

  it('answers a too-old resourceVersion exactly as the namespace watch does (410 Gone)', async () => {
    const ns = open('/api/v1/namespaces?watch=true&resourceVersion=1&timeoutSeconds=5');
    const spaces = open(`${SPACES}?watch=true&resourceVersion=1&timeoutSeconds=5`, `--as=${user}`);
    const upstream = await eventually(async () => ns.events[0], 'the namespace watch to answer');
    const ours = await eventually(async () => spaces.events[0], 'the space watch to answer');
    expect(ours.type).toBe(upstream.type);
    if (upstream.type === 'ERROR') expect(ours.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
  });

  it('sends the initial events then a bookmark when asked (watch-list)', async () => {
    const w = open(`${SPACES}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=30`, `--as=${user}`);
    const end = await eventually(async () => w.events.find((e) => e.type === 'BOOKMARK'), 'the initial-events-end bookmark');
    expect(end.object).toMatchObject({ apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space', metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } });
    expect(w.events.slice(0, -1).map((e) => [e.type, e.object.metadata.name])).toEqual([['ADDED', mine]]);
  });

  it('serves kubectl get -w as tables', async () => {
    const child = spawn(kubectlBin, ['--kubeconfig', kubeconfig, 'get', 'space', mine, '--watch', `--as=${user}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      await eventually(async () => out.includes(mine), 'the first row');
      await kubectlOk(['annotate', 'namespace', mine, `step=${Date.now()}`]);
      await eventually(async () => out.split('\n').filter((l) => l.startsWith(mine)).length >= 2, 'a second row after the change');
      expect(out.split('\n')[0]).toMatch(/^NAME\s+OWNER\s+CREATED AT$/);
      expect(out.split('\n').filter((l) => l.startsWith('NAME'))).toHaveLength(1);
    } finally {
      child.kill();
    }
  });
});
