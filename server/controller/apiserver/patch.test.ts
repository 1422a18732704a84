import { describe, expect, it } from 'vitest';
import { ApiError } from './status-errors';
import { applyPatch, jsonPatch, mergePatch, patchTypeOf, strategicAsMerge } from './patch';

describe('patchTypeOf', () => {
  it.each([
    ['application/merge-patch+json', 'merge'],
    ['application/json-patch+json; charset=utf-8', 'json'],
    ['application/strategic-merge-patch+json', 'strategic'],
    ['application/apply-patch+yaml', 'apply'],
  ])('%s → %s', (ct, want) => expect(patchTypeOf(ct)).toBe(want));
  it('answers 415 for others', () => {
    expect(() => patchTypeOf('text/plain')).toThrow(ApiError);
  });
});

describe('mergePatch (RFC 7386 examples)', () => {
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j → %j', (t, p, want) => expect(mergePatch(t, p)).toEqual(want));
  it('refuses prototype keys instead of skipping the rest of the patch', () => {
    expect(() => mergePatch({}, JSON.parse('{"__proto__": {"x": 1}, "a": 1}'))).toThrow('may not contain the key "__proto__"');
  });
});

describe('jsonPatch (RFC 6902)', () => {
  const doc = { metadata: { labels: { a: '1' }, finalizers: ['x'] } };
  it.each([
    [[{ op: 'add', path: '/metadata/labels/b', value: '2' }], { metadata: { labels: { a: '1', b: '2' }, finalizers: ['x'] } }],
    [[{ op: 'add', path: '/metadata/finalizers/-', value: 'y' }], { metadata: { labels: { a: '1' }, finalizers: ['x', 'y'] } }],
    [[{ op: 'add', path: '/metadata/finalizers/0', value: 'w' }], { metadata: { labels: { a: '1' }, finalizers: ['w', 'x'] } }],
    [[{ op: 'remove', path: '/metadata/labels/a' }], { metadata: { labels: {}, finalizers: ['x'] } }],
    [[{ op: 'replace', path: '/metadata/labels/a', value: '9' }], { metadata: { labels: { a: '9' }, finalizers: ['x'] } }],
    [[{ op: 'move', from: '/metadata/labels/a', path: '/metadata/labels/c' }], { metadata: { labels: { c: '1' }, finalizers: ['x'] } }],
    [[{ op: 'copy', from: '/metadata/labels/a', path: '/metadata/labels/c' }], { metadata: { labels: { a: '1', c: '1' }, finalizers: ['x'] } }],
    [[{ op: 'test', path: '/metadata/labels/a', value: '1' }, { op: 'add', path: '/metadata/labels/t', value: 'ok' }], { metadata: { labels: { a: '1', t: 'ok' }, finalizers: ['x'] } }],
    [[{ op: 'add', path: '/metadata/annotations', value: { 'a~b/c': 'v' } }, { op: 'replace', path: '/metadata/annotations/a~0b~1c', value: 'w' }],
      { metadata: { labels: { a: '1' }, finalizers: ['x'], annotations: { 'a~b/c': 'w' } } }],
  ])('%j', (ops, want) => expect(jsonPatch(doc, ops)).toEqual(want));

  it.each([
    [[{ op: 'remove', path: '/metadata/labels/zz' }]],
    [[{ op: 'replace', path: '/spec/x', value: 1 }]],
    [[{ op: 'test', path: '/metadata/labels/a', value: '2' }]],
    [[{ op: 'frobnicate', path: '/a' }]],
    [{ op: 'add' }],
    [[{ op: 'add', path: '/metadata/finalizers/5', value: 'z' }]],
    [[{ op: 'add', path: '/__proto__/polluted', value: 'yes' }]],
  ])('rejects %j with 400', (ops) => {
    expect(() => jsonPatch(doc, ops)).toThrow(ApiError);
  });

  it('compares values, not key order, in test', () => {
    const d = { spec: { a: 1, b: { c: 2, d: 3 } } };
    expect(jsonPatch(d, [{ op: 'test', path: '/spec', value: { b: { d: 3, c: 2 }, a: 1 } }])).toEqual(d);
  });
  it('says which operation failed', () => {
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/metadata/labels/a', value: '2' }])).toThrow('testing value /metadata/labels/a failed (operation 0: test /metadata/labels/a)');
  });

  it('leaves the input unchanged', () => {
    const before = JSON.stringify(doc);
    jsonPatch(doc, [{ op: 'remove', path: '/metadata/labels/a' }]);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('strategicAsMerge', () => {
  it.each([
    [{ metadata: { labels: { a: 'b', $patch: 'delete' } } }, '$patch at metadata.labels'],
    [{ metadata: { $retainKeys: ['labels'] } }, '$retainKeys at metadata'],
    [{ spec: { 'finalizers': ['a'], '$setElementOrder/finalizers': ['a'] } }, '$setElementOrder/finalizers at spec'],
    [{ '$patch': 'replace' }, '$patch at (top level)'],
  ])('refuses a directive with 400 naming it: %j', (p, named) => {
    expect(() => strategicAsMerge(p)).toThrow(ApiError);
    expect(() => strategicAsMerge(p)).toThrow(new RegExp(`directive \\${named.replace(/[()]/g, '\\$&')} is not supported`));
  });
  it('passes a patch without directives', () => {
    expect(strategicAsMerge({ metadata: { labels: { a: 'b' } } })).toEqual({ metadata: { labels: { a: 'b' } } });
  });
  it('applies as a merge patch', () => {
    expect(applyPatch('strategic', { spec: { finalizers: ['a'] } }, { spec: { finalizers: ['b'] } })).toEqual({ spec: { finalizers: ['b'] } });
  });
});
