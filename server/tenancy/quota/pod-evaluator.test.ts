import { describe, expect, it } from 'vitest';
import { computeUsage, isExtendedResourceName, isTerminating, podCountsForQuota, podEvaluator } from './pod-evaluator';
import { formatResourceList, parseResourceList } from './resource-list';
import type { QuotaObject, QuotaRequest } from './types';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const c = (name: string, requests?: object, limits?: object) => ({ name, resources: { requests, limits } });
const pod = (spec: object, extra: Partial<QuotaObject> = {}): QuotaObject => ({ metadata: { name: 'p', ...extra.metadata }, spec, status: extra.status });

describe('podEvaluator.usage', () => {
  it.each<[string, QuotaObject, Record<string, string>]>([
    ['requests and limits', pod({ containers: [c('a', { cpu: '1', memory: '1Gi' }, { cpu: '2', memory: '2Gi' })] }), {
      'count/pods': '1', pods: '1', cpu: '1', 'requests.cpu': '1', 'limits.cpu': '2', memory: '1Gi', 'requests.memory': '1Gi', 'limits.memory': '2Gi',
    }],
    ['ephemeral storage, hugepages, an extended resource', pod({ containers: [c('a', { 'ephemeral-storage': '1Gi', 'hugepages-2Mi': '4Mi', 'example.com/gpu': '2' }, { 'ephemeral-storage': '2Gi' })] }), {
      'count/pods': '1', pods: '1', 'ephemeral-storage': '1Gi', 'requests.ephemeral-storage': '1Gi', 'limits.ephemeral-storage': '2Gi',
      'hugepages-2Mi': '4Mi', 'requests.hugepages-2Mi': '4Mi', 'requests.example.com/gpu': '2',
    }],
    ['a terminal pod counts only as an object', pod({ containers: [c('a', { cpu: '1' })] }, { status: { phase: 'Succeeded' } }), { 'count/pods': '1' }],
    ['a failed pod too', pod({ containers: [c('a', { cpu: '1' })] }, { status: { phase: 'Failed' } }), { 'count/pods': '1' }],
    ['a pod stuck terminating past its grace period', pod({ containers: [] }, { metadata: { deletionTimestamp: '2025-12-31T23:59:00Z', deletionGracePeriodSeconds: 30 } }), { 'count/pods': '1' }],
    ['a pod terminating within its grace period', pod({ containers: [] }, { metadata: { deletionTimestamp: '2025-12-31T23:59:50Z', deletionGracePeriodSeconds: 30 } }), { 'count/pods': '1', pods: '1' }],
  ])('%s', (_, p, want) => {
    expect(formatResourceList(podEvaluator.usage(p, NOW))).toEqual(want);
  });
});

describe('podEvaluator.constraints', () => {
  it.each<[string, string[], QuotaObject, string | undefined]>([
    ['nothing required', ['pods'], pod({ containers: [{ name: 'a' }] }), undefined],
    ['limits.cpu missing', ['pods', 'limits.cpu'], pod({ containers: [c('nodejs', { cpu: '1' })] }), 'must specify limits.cpu for: nodejs'],
    ['several containers and resources, sorted', ['requests.memory', 'limits.cpu', 'count/pods'],
      pod({ containers: [c('web', { memory: '1Gi' }), c('db')], initContainers: [c('init', undefined, { cpu: '1' })] }),
      'must specify limits.cpu for: db,web; requests.memory for: db,init'],
    ['the plain names count as requests', ['cpu'], pod({ containers: [c('a', undefined, { cpu: '1' })] }), 'must specify cpu for: a'],
    ['ephemeral storage is never required', ['requests.ephemeral-storage'], pod({ containers: [c('a')] }), undefined],
    ['declared everywhere', ['limits.cpu', 'requests.cpu'], pod({ containers: [c('a', { cpu: '1' }, { cpu: '1' })] }), undefined],
    ['pod-level resources lift the requirement', ['limits.cpu'], pod({ resources: { limits: { cpu: '2' } }, containers: [c('a')] }), undefined],
  ])('%s', (_, required, p, want) => {
    expect(podEvaluator.constraints(required, p)).toBe(want);
  });
});

describe('podEvaluator.handles', () => {
  const plain = pod({ containers: [] });
  const terminating = pod({ containers: [], activeDeadlineSeconds: 60 });
  it.each<[string, QuotaRequest, boolean]>([
    ['create', { operation: 'CREATE', object: plain }, true],
    ['update without a scope change', { operation: 'UPDATE', object: plain, oldObject: plain }, false],
    ['update that makes the pod terminating', { operation: 'UPDATE', object: terminating, oldObject: plain }, true],
    ['resize', { operation: 'UPDATE', subResource: 'resize', object: plain, oldObject: plain }, true],
    ['status', { operation: 'UPDATE', subResource: 'status', object: plain, oldObject: plain }, false],
    ['delete', { operation: 'DELETE', oldObject: plain }, false],
  ])('%s → %s', (_, req, want) => {
    expect(podEvaluator.handles(req)).toBe(want);
  });
});

describe('podEvaluator.matchingResources', () => {
  it.each([
    [['pods', 'limits.cpu', 'services', 'count/pods', 'count/deployments.apps'], ['pods', 'limits.cpu', 'count/pods']],
    [['hugepages-2Mi', 'requests.hugepages-1Gi', 'requests.example.com/gpu', 'example.com/gpu', 'requests.storage'], ['hugepages-2Mi', 'requests.hugepages-1Gi', 'requests.example.com/gpu']],
    [['requests.deviceclass.resource.kubernetes.io/gpu'], ['requests.deviceclass.resource.kubernetes.io/gpu']],
  ])('%j → %j', (names, want) => {
    expect(podEvaluator.matchingResources(names)).toEqual(want);
  });
});

describe('podEvaluator.matchesScope', () => {
  const besteffort = pod({ containers: [c('a')] });
  const burstable = pod({ containers: [c('a', { cpu: '1' })], priorityClassName: 'high', activeDeadlineSeconds: 10 });
  const crossNs = pod({ containers: [], affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ podAffinityTerm: { namespaces: ['x'] } }] } } });
  it.each<[string, { scopeName: string; operator: string; values?: string[] }, QuotaObject, boolean]>([
    ['BestEffort', { scopeName: 'BestEffort', operator: 'Exists' }, besteffort, true],
    ['BestEffort', { scopeName: 'BestEffort', operator: 'Exists' }, burstable, false],
    ['NotBestEffort', { scopeName: 'NotBestEffort', operator: 'Exists' }, burstable, true],
    ['Terminating', { scopeName: 'Terminating', operator: 'Exists' }, burstable, true],
    ['NotTerminating', { scopeName: 'NotTerminating', operator: 'Exists' }, besteffort, true],
    ['PriorityClass In', { scopeName: 'PriorityClass', operator: 'In', values: ['high'] }, burstable, true],
    ['PriorityClass In, no class', { scopeName: 'PriorityClass', operator: 'In', values: ['high'] }, besteffort, false],
    ['PriorityClass NotIn, no class', { scopeName: 'PriorityClass', operator: 'NotIn', values: ['high'] }, besteffort, true],
    ['PriorityClass Exists', { scopeName: 'PriorityClass', operator: 'Exists' }, burstable, true],
    ['PriorityClass DoesNotExist', { scopeName: 'PriorityClass', operator: 'DoesNotExist' }, burstable, false],
    ['CrossNamespacePodAffinity', { scopeName: 'CrossNamespacePodAffinity', operator: 'Exists' }, crossNs, true],
    ['an unknown scope', { scopeName: 'VolumeAttributesClass', operator: 'Exists' }, burstable, false],
  ])('%s on %#', (_, selector, p, want) => {
    expect(podEvaluator.matchesScope(selector, p)).toBe(want);
  });
});

describe('helpers', () => {
  it.each([['example.com/gpu', true], ['nvidia.com/gpu', true], ['cpu', false], ['kubernetes.io/foo', false], ['requests.example.com/gpu', false], ['deviceclass.resource.kubernetes.io/gpu', true]])(
    'isExtendedResourceName(%s) → %s', (name, want) => {
      expect(isExtendedResourceName(name)).toBe(want);
    },
  );
  it.each([[undefined, false], [0, true], [30, true], [-1, false]])('activeDeadlineSeconds %j → terminating %s', (s, want) => {
    expect(isTerminating(pod({ activeDeadlineSeconds: s }))).toBe(want);
  });
  it.each<[QuotaObject, boolean]>([
    [pod({}), true],
    [pod({}, { status: { phase: 'Running' } }), true],
    [pod({}, { status: { phase: 'Succeeded' } }), false],
    [pod({}, { metadata: { deletionTimestamp: '2025-12-31T23:00:00Z' } }), true],
  ])('podCountsForQuota %#', (p, want) => {
    expect(podCountsForQuota(p, NOW)).toBe(want);
  });
  it.each([
    [{ cpu: '1' }, { cpu: '2' }, { pods: '1', cpu: '1', 'requests.cpu': '1', 'limits.cpu': '2' }],
    [{}, {}, { pods: '1' }],
  ])('computeUsage(%j, %j)', (req, lim, want) => {
    expect(formatResourceList(computeUsage(parseResourceList(req), parseResourceList(lim)))).toEqual(want);
  });
});
