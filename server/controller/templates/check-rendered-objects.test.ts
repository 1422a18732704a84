import { describe, expect, it } from 'vitest';
import type { JsonValue } from '@/server/tenancy';
import { checkRenderedObjects, measureDepth } from './check-rendered-objects';

const cm = (name: string, extra: Record<string, JsonValue> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, ...extra });
const at = (...values: JsonValue[]) => values.map((value, i) => ({ at: `manifests[${i}]`, value }));
const limits = { maxObjects: 3, maxRenderedBytes: 1000, maxDepth: 5 };
const nest = (n: number): JsonValue => (n === 0 ? 'x' : { a: nest(n - 1) });

describe('checkRenderedObjects', () => {
  it('labels valid objects with kind and name', () => {
    expect(checkRenderedObjects(at(cm('a'), cm('b')), limits)).toEqual({
      ok: true,
      objects: [{ label: 'manifests[0] (ConfigMap a)', object: cm('a') }, { label: 'manifests[1] (ConfigMap b)', object: cm('b') }],
    });
  });

  it.each<[string, JsonValue[], string, string]>([
    ['too many objects', [cm('a'), cm('b'), cm('c'), cm('d')], 'TemplateTooLarge', 'the template renders 4 objects; at most 3'],
    ['too large', [cm('a'), cm('b', { data: { v: 'x'.repeat(1000) } })], 'TemplateTooLarge', 'manifests[1] (ConfigMap b): the rendered template exceeds'],
    ['too deep', [cm('a', { spec: nest(6) })], 'TemplateTooLarge', 'manifests[0] (ConfigMap a): nested more than 5 levels deep'],
    ['not an object', [cm('a'), 'text'], 'ErrorConvertingManifest', 'manifests[1]: is "text", not a Kubernetes object'],
    ['a list', [[cm('a')]], 'ErrorConvertingManifest', 'manifests[0]: is a list'],
    ['no apiVersion', [{ kind: 'ConfigMap', metadata: { name: 'a' } }], 'ErrorConvertingManifest', 'manifests[0] (ConfigMap a): apiVersion is missing'],
    ['no kind', [{ apiVersion: 'v1', metadata: { name: 'a' } }], 'ErrorConvertingManifest', 'manifests[0] (<no kind> a): kind is missing'],
    ['no metadata', [{ apiVersion: 'v1', kind: 'ConfigMap' }], 'ErrorConvertingManifest', 'manifests[0] (ConfigMap): metadata is missing'],
    ['no name', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }], 'ErrorConvertingManifest', 'manifests[0] (ConfigMap): metadata.name is missing'],
    ['generateName', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'x-' } }], 'ErrorConvertingManifest', 'metadata.generateName is not supported'],
    ['a duplicate', [cm('a'), cm('a', { data: {} })], 'ErrorConvertingManifest', 'manifests[1] (ConfigMap a): duplicates manifests[0] (ConfigMap a)'],
  ])('rejects %s', (_, values, reason, message) => {
    const result = checkRenderedObjects(at(...values), limits);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.failure.reason).toBe(reason);
      expect(result.failure.message).toContain(message);
    }
  });

  it('treats the same name in two API groups as different objects', () => {
    expect(checkRenderedObjects(at(cm('a'), { apiVersion: 'example.com/v1', kind: 'ConfigMap', metadata: { name: 'a' } }), limits).ok).toBe(true);
  });
});

describe('measureDepth', () => {
  it.each<[JsonValue, number]>([['x', 0], [{}, 1], [{ a: [1] }, 2], [nest(10), 10]])('%j is %i deep', (value, depth) => {
    expect(measureDepth(value)).toBe(depth);
  });

  it('measures very deep values without overflowing the stack', () => {
    let v: JsonValue = 'x';
    for (let i = 0; i < 200_000; i++) v = [v];
    expect(measureDepth(v, 64)).toBe(65);
  });
});
