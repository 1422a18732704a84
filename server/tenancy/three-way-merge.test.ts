import { describe, expect, it } from 'vitest';
import { threeWayMerge } from './three-way-merge';
import type { JsonObject } from './types';

const liveMeta = { name: 'cfg', namespace: 'dev', resourceVersion: '42', uid: 'u-1', managedFields: [{ manager: 'kubectl' }] };

describe('threeWayMerge', () => {
  it.each<[string, JsonObject | undefined, JsonObject, JsonObject, JsonObject]>([
    [
      'first apply onto nothing',
      undefined,
      { kind: 'ConfigMap', data: { a: '1' } },
      {},
      { kind: 'ConfigMap', data: { a: '1' } },
    ],
    [
      'keeps server-set metadata and status',
      { metadata: { name: 'cfg' }, data: { a: '1' } },
      { metadata: { name: 'cfg' }, data: { a: '2' } },
      { metadata: liveMeta, data: { a: '1' }, status: { phase: 'Ok' } },
      { metadata: liveMeta, data: { a: '2' }, status: { phase: 'Ok' } },
    ],
    [
      'removes a field dropped from the template',
      { data: { a: '1', b: '2' } },
      { data: { a: '1' } },
      { data: { a: '1', b: '2' } },
      { data: { a: '1' } },
    ],
    [
      'removes a whole section dropped from the template',
      { data: { a: '1' }, binaryData: { x: 'eA==' } },
      { data: { a: '1' } },
      { data: { a: '1' }, binaryData: { x: 'eA==' } },
      { data: { a: '1' } },
    ],
    [
      'keeps fields others added',
      { metadata: { labels: { app: 'x' } } },
      { metadata: { labels: { app: 'x' } } },
      { metadata: { labels: { app: 'x', 'team.example.com/owner': 'ops' }, annotations: { note: 'hi' } } },
      { metadata: { labels: { app: 'x', 'team.example.com/owner': 'ops' }, annotations: { note: 'hi' } } },
    ],
    [
      'desired wins over a manual edit',
      { spec: { replicas: 2 } },
      { spec: { replicas: 2 } },
      { spec: { replicas: 9 } },
      { spec: { replicas: 2 } },
    ],
    [
      'without lastApplied nothing is removed (adoption)',
      undefined,
      { data: { a: '1' } },
      { data: { a: '0', b: '2' }, extra: true },
      { data: { a: '1', b: '2' }, extra: true },
    ],
    [
      'lists are replaced wholesale',
      { spec: { ports: [{ port: 80 }] } },
      { spec: { ports: [{ port: 443 }] } },
      { spec: { ports: [{ port: 80, nodePort: 30080 }, { port: 81 }] } },
      { spec: { ports: [{ port: 443 }] } },
    ],
    [
      'a list we never set is left alone',
      { spec: { a: 1 } },
      { spec: { a: 1 } },
      { spec: { a: 1, finalizers: ['x'] } },
      { spec: { a: 1, finalizers: ['x'] } },
    ],
    [
      'a list removed from the template is removed',
      { spec: { args: ['--v=2'] } },
      { spec: {} },
      { spec: { args: ['--v=2'] } },
      { spec: {} },
    ],
    [
      'scalar replaced by an object',
      { spec: { x: 'a' } },
      { spec: { x: { y: 1 } } },
      { spec: { x: 'a' } },
      { spec: { x: { y: 1 } } },
    ],
    [
      'object replaced by a scalar',
      { spec: { x: { y: 1 } } },
      { spec: { x: 'a' } },
      { spec: { x: { y: 1, z: 2 } } },
      { spec: { x: 'a' } },
    ],
    [
      'lastApplied scalar, now an object: nothing of live is removed inside it',
      { spec: { x: 'a' } },
      { spec: { x: { y: 1 } } },
      { spec: { x: { other: true } } },
      { spec: { x: { other: true, y: 1 } } },
    ],
    [
      'null in desired removes the field, at any depth',
      { data: { a: '1' } },
      { data: { a: null, b: '2' }, spec: { c: null, d: 1 } },
      { data: { a: '1' } },
      { data: { b: '2' }, spec: { d: 1 } },
    ],
    [
      'deep nesting',
      { spec: { template: { spec: { nodeSelector: { pool: 'a', zone: 'z1' } } } } },
      { spec: { template: { spec: { nodeSelector: { pool: 'b' } } } } },
      { spec: { template: { spec: { nodeSelector: { pool: 'a', zone: 'z1', extra: 'e' }, dnsPolicy: 'ClusterFirst' } } } },
      { spec: { template: { spec: { nodeSelector: { pool: 'b', extra: 'e' }, dnsPolicy: 'ClusterFirst' } } } },
    ],
    [
      'field in lastApplied that someone already removed stays removed',
      { data: { a: '1', b: '2' } },
      { data: { a: '1' } },
      { data: { a: '1' } },
      { data: { a: '1' } },
    ],
  ])('%s', (_, lastApplied, desired, live, expected) => {
    expect(threeWayMerge(lastApplied, desired, live)).toEqual(expected);
  });

  it('modifies no input and shares no objects with them', () => {
    const lastApplied: JsonObject = { data: { a: '1', gone: 'x' } };
    const desired: JsonObject = { data: { a: '2' }, list: [{ k: 'v' }], obj: { n: 1 } };
    const live: JsonObject = { data: { a: '1', gone: 'x' }, status: { conditions: [{ type: 'Ready' }] } };
    const before = structuredClone({ lastApplied, desired, live });
    const result = threeWayMerge(lastApplied, desired, live);
    expect({ lastApplied, desired, live }).toEqual(before);
    expect(result.list).not.toBe(desired.list);
    expect(result.obj).not.toBe(desired.obj);
    expect(result.status).not.toBe(live.status);
    expect(result).toEqual({ data: { a: '2' }, list: [{ k: 'v' }], obj: { n: 1 }, status: { conditions: [{ type: 'Ready' }] } });
  });
});
