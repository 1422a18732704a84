import { describe, expect, it } from 'vitest';
import { formatResourceList, parseResourceList } from './resource-list';
import { UsageLedger } from './usage-ledger';

type Op = ['set', string, string, string, Record<string, string>] | ['delete', string] | ['deleteNamespace', string];

function run(ops: Op[]) {
  const l = new UsageLedger();
  const changed = ops.map((op) => {
    if (op[0] === 'set') return l.set(op[1], op[2], op[3], parseResourceList(op[4]));
    if (op[0] === 'delete') return l.delete(op[1]);
    return l.deleteNamespace(op[1]);
  });
  return { l, changed };
}

describe('UsageLedger', () => {
  it.each<[string, Op[], boolean[], Record<string, string>, Record<string, Record<string, string>>]>([
    ['adds objects per namespace', [
      ['set', 'pods/a/p1', 'a', 'u1', { pods: '1', 'limits.cpu': '2' }],
      ['set', 'pods/b/p2', 'b', 'u2', { pods: '1', 'limits.cpu': '500m' }],
    ], [true, true], { pods: '2', 'limits.cpu': '2500m' }, { a: { pods: '1', 'limits.cpu': '2' }, b: { pods: '1', 'limits.cpu': '500m' } }],
    ['an unchanged object changes nothing', [
      ['set', 'pods/a/p1', 'a', 'u1', { pods: '1' }],
      ['set', 'pods/a/p1', 'a', 'u1', { pods: '1' }],
    ], [true, false], { pods: '1' }, { a: { pods: '1' } }],
    ['an update moves the sums by the difference', [
      ['set', 'pods/a/p1', 'a', 'u1', { pods: '1', 'limits.cpu': '2' }],
      ['set', 'pods/a/p1', 'a', 'u1', { pods: '1', 'limits.cpu': '3' }],
    ], [true, true], { pods: '1', 'limits.cpu': '3' }, { a: { pods: '1', 'limits.cpu': '3' } }],
    ['a pod that finished counts nothing', [
      ['set', 'pods/a/p1', 'a', 'u1', { pods: '1' }],
      ['set', 'pods/a/p1', 'a', 'u1', {}],
    ], [true, true], { pods: '0' }, { a: { pods: '0' } }],
    ['deletes drop usage', [
      ['set', 'pods/a/p1', 'a', 'u1', { pods: '1' }],
      ['set', 'pods/a/p2', 'a', 'u2', { pods: '1' }],
      ['delete', 'pods/a/p1'],
      ['delete', 'pods/a/p1'],
    ], [true, true, true, false], { pods: '1' }, { a: { pods: '1' } }],
    ['a namespace that leaves takes its objects', [
      ['set', 'pods/a/p1', 'a', 'u1', { pods: '1' }],
      ['set', 'pods/b/p2', 'b', 'u2', { pods: '1' }],
      ['deleteNamespace', 'a'],
    ], [true, true, true], { pods: '1' }, { b: { pods: '1' } }],
    ['a recreated object with the same name replaces the old one', [
      ['set', 'pods/a/p1', 'a', 'u1', { pods: '1' }],
      ['set', 'pods/a/p1', 'a', 'u9', { pods: '1' }],
    ], [true, true], { pods: '1' }, { a: { pods: '1' } }],
  ])('%s', (_, ops, changed, total, byNamespace) => {
    const r = run(ops);
    expect(r.changed).toEqual(changed);
    expect(formatResourceList(r.l.total())).toEqual(total);
    expect(Object.fromEntries(r.l.namespaces().map((ns) => [ns, formatResourceList(r.l.namespaceUsage(ns))]))).toEqual(byNamespace);
  });

  it('finds what an object counts by uid', () => {
    const { l } = run([['set', 'pods/a/p1', 'a', 'u1', { pods: '1' }], ['set', 'pods/a/p1', 'a', 'u2', { pods: '1', cpu: '1' }]]);
    expect(l.usageOf('u1')).toBeUndefined();
    expect(formatResourceList(l.usageOf('u2')!)).toEqual({ pods: '1', cpu: '1' });
    expect([...l.snapshot().keys()]).toEqual(['pods/a/p1']);
  });
});
