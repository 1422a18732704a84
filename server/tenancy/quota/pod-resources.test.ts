import { describe, expect, it } from 'vitest';
import { isBestEffort, isPodLevelResource, podLevelResourcesSet, podLimits, podRequests } from './pod-resources';
import { formatResourceList } from './resource-list';
import type { QuotaObject } from './types';

const c = (name: string, requests?: object, limits?: object, restartPolicy?: string) => ({ name, resources: { requests, limits }, restartPolicy });
const pod = (spec: object, status?: object): QuotaObject => ({ metadata: { name: 'p' }, spec, status });

describe('podRequests / podLimits', () => {
  it.each<[string, QuotaObject, Record<string, string>, Record<string, string>]>([
    ['one container', pod({ containers: [c('a', { cpu: '1' }, { cpu: '2' })] }), { cpu: '1' }, { cpu: '2' }],
    ['containers add up', pod({ containers: [c('a', { cpu: '1', memory: '1Gi' }), c('b', { cpu: '500m', memory: '512Mi' })] }), { cpu: '1500m', memory: '1536Mi' }, {}],
    ['an init container is a peak', pod({ containers: [c('a', { cpu: '1' })], initContainers: [c('i', { cpu: '3' })] }), { cpu: '3' }, {}],
    ['a smaller init container does not count', pod({ containers: [c('a', { cpu: '2' })], initContainers: [c('i', { cpu: '1' })] }), { cpu: '2' }, {}],
    ['sidecars add to the containers and to later init containers',
      pod({ containers: [c('a', { cpu: '1' })], initContainers: [c('s', { cpu: '500m' }, undefined, 'Always'), c('i', { cpu: '2' })] }),
      { cpu: '2500m' }, {}],
    ['overhead is added to requests, and to limits that are set',
      pod({ containers: [c('a', { cpu: '1', memory: '1Gi' }, { cpu: '2' })], overhead: { cpu: '100m', memory: '64Mi' } }),
      { cpu: '1100m', memory: '1088Mi' }, { cpu: '2100m' }],
    ['pod-level resources replace the containers\' cpu and memory',
      pod({ resources: { requests: { cpu: '3' }, limits: { cpu: '4', memory: '2Gi' } }, containers: [c('a', { cpu: '1', 'ephemeral-storage': '1Gi' }, { cpu: '1' })] }),
      { cpu: '3', 'ephemeral-storage': '1Gi' }, { cpu: '4', memory: '2Gi' }],
    ['resources the kubelet reports count when larger (in-place resize)',
      pod({ containers: [c('a', { cpu: '1' }, { cpu: '1' })] }, { containerStatuses: [{ name: 'a', allocatedResources: { cpu: '2' }, resources: { requests: { cpu: '2' }, limits: { cpu: '3' } } }] }),
      { cpu: '2' }, { cpu: '3' }],
    ['an infeasible resize counts what runs, not the spec',
      pod({ containers: [c('a', { cpu: '8' }, { cpu: '8' })] }, {
        conditions: [{ type: 'PodResizePending', reason: 'Infeasible' }],
        containerStatuses: [{ name: 'a', allocatedResources: { cpu: '1' }, resources: { requests: { cpu: '1' }, limits: { cpu: '1' } } }],
      }),
      { cpu: '1' }, { cpu: '1' }],
    ['nothing declared', pod({ containers: [{ name: 'a' }] }), {}, {}],
  ])('%s', (_, p, requests, limits) => {
    expect(formatResourceList(podRequests(p))).toEqual(requests);
    expect(formatResourceList(podLimits(p))).toEqual(limits);
  });
});

describe('isBestEffort', () => {
  it.each<[string, QuotaObject, boolean]>([
    ['no resources', pod({ containers: [{ name: 'a' }] }), true],
    ['only ephemeral-storage', pod({ containers: [c('a', { 'ephemeral-storage': '1Gi' })] }), true],
    ['zero cpu request', pod({ containers: [c('a', { cpu: '0' })] }), true],
    ['a cpu request', pod({ containers: [c('a', { cpu: '100m' })] }), false],
    ['a memory limit in an init container', pod({ containers: [{ name: 'a' }], initContainers: [c('i', undefined, { memory: '1Gi' })] }), false],
    ['pod-level requests', pod({ resources: { requests: { cpu: '1' } }, containers: [{ name: 'a' }] }), false],
    ['the status says so', pod({ containers: [c('a', { cpu: '1' })] }, { qosClass: 'BestEffort' }), true],
  ])('%s → %s', (_, p, want) => {
    expect(isBestEffort(p)).toBe(want);
  });
});

describe('podLevelResourcesSet / isPodLevelResource', () => {
  it.each<[object | undefined, boolean]>([
    [undefined, false],
    [{}, false],
    [{ requests: { cpu: '1' } }, true],
    [{ limits: { 'hugepages-2Mi': '2Mi' } }, true],
    [{ requests: { 'example.com/gpu': '1' } }, false],
  ])('spec.resources %j → %s', (resources, want) => {
    expect(podLevelResourcesSet(pod({ resources, containers: [] }))).toBe(want);
  });

  it.each([['cpu', true], ['memory', true], ['hugepages-1Gi', true], ['ephemeral-storage', false]] as const)('%s → %s', (name, want) => {
    expect(isPodLevelResource(name)).toBe(want);
  });
});
