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
const late = `${id}-late`; // may watch spaces; sees one space until bindings give them more
const seen = `${id}-seen`;
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
---
apiVersion: v1
kind: Namespace
metadata: {name: ${seen}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${id}-ns-get}
rules: [{apiGroups: [""], resources: [namespaces], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${id}-get-other}
rules: [{apiGroups: [""], resources: [namespaces], verbs: [get], resourceNames: [${other}]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${id}-late-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kiosk-view}
subjects: [{kind: User, name: ${late}, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${id}-late, namespace: ${seen}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${id}-ns-get}
subjects: [{kind: User, name: ${late}, apiGroup: rbac.authorization.k8s.io}]
`);
  await eventually(async () => (await kubectlOk(['get', 'spaces', '-o', 'name', `--as=${user}`])).includes(mine), 'the user to see their space');
});

afterAll(async () => {
  streams.forEach((s) => s.stop());
  await kubectl(['delete', 'namespace', mine, other, seen, '--wait=false', '--ignore-not-found']);
  await kubectl(['delete', 'clusterrolebinding', `${id}-late-view`, `${id}-late-other`, '--ignore-not-found']);
  await kubectl(['delete', 'clusterrole', `${id}-ns-get`, `${id}-get-other`, '--ignore-not-found']);
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
    // Revision 1 precedes every watch cache of the dev cluster (it writes once before the API server starts), as in any real cluster.
    const ns = open('/api/v1/namespaces?watch=true&resourceVersion=1&timeoutSeconds=5');
    const spaces = open(`${SPACES}?watch=true&resourceVersion=1&timeoutSeconds=5`, `--as=${user}`);
    const upstream = await eventually(async () => ns.events[0], 'the namespace watch to answer');
    const ours = await eventually(async () => spaces.events[0], 'the space watch to answer');
    expect(upstream).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    expect(ours).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    expect(ours.object.message).toBe(upstream.object.message);
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

describe('watching spaces while access changes', () => {
  const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: ${id}-late-other${kind === 'RoleBinding' ? `, namespace: ${other}` : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${kind === 'RoleBinding' ? `${id}-ns-get` : `${id}-get-other`}}
subjects: [{kind: User, name: ${late}, apiGroup: rbac.authorization.k8s.io}]
`;

  it.each(['RoleBinding', 'ClusterRoleBinding'] as const)('shows a space at once when a %s gives access, and removes it when the binding goes', async (kind) => {
    const child = spawn(kubectlBin, ['--kubeconfig', kubeconfig, 'get', 'spaces', '--watch', '--output-watch-events', `--as=${late}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const rows = () => out.split('\n').map((l) => l.split(/\s+/)).filter((c) => c[1]?.startsWith(id)).map((c) => `${c[0]} ${c[1]}`);
    try {
      await eventually(async () => rows().includes(`ADDED ${seen}`), 'the space the person sees from the start');
      // The watch is open once a change of that space arrives; nothing below touches a namespace.
      await kubectlOk(['annotate', '--overwrite', 'namespace', seen, `step=${Date.now()}`]);
      await eventually(async () => rows().includes(`MODIFIED ${seen}`), 'the watch to be open');

      let t = performance.now();
      await kubectlOk(['apply', '-f', '-'], binding(kind));
      await eventually(async () => rows().includes(`ADDED ${other}`), `ADDED after the ${kind} was created`, 15_000);
      console.log(`${kind} created → ADDED in ${(performance.now() - t).toFixed(0)} ms`);

      t = performance.now();
      await kubectlOk(['delete', kind.toLowerCase(), `${id}-late-other`, ...(kind === 'RoleBinding' ? ['-n', other] : [])]);
      await eventually(async () => rows().includes(`DELETED ${other}`), `DELETED after the ${kind} was deleted`, 15_000);
      console.log(`${kind} deleted → DELETED in ${(performance.now() - t).toFixed(0)} ms`);
      expect(rows().filter((r) => r.endsWith(` ${mine}`))).toEqual([]);
    } finally {
      child.kill();
      await kubectl(['delete', kind.toLowerCase(), `${id}-late-other`, ...(kind === 'RoleBinding' ? ['-n', other] : []), '--ignore-not-found']);
    }
  });
});
