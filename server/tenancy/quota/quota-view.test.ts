import { describe, expect, it } from 'vitest';
import { persistentVolumeClaimEvaluator, serviceEvaluator } from './core-evaluators';
import { podEvaluator } from './pod-evaluator';
import { claimView, countedView, podView, serviceView } from './quota-view';
import { formatResourceList } from './resource-list';
import type { Evaluator, QuotaObject } from './types';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const meta = (extra: object = {}) => ({
  name: 'x', namespace: 'ns', uid: 'u-1', resourceVersion: '42', labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"big":"json"}' },
  managedFields: [{ manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:spec': {} } }], ownerReferences: [{ kind: 'ReplicaSet', name: 'web-1', uid: 'o' }], ...extra,
});
const container = (name: string, requests?: object, limits?: object, extra: object = {}) => ({
  name, image: 'registry.example/web:1', env: [{ name: 'A', value: 'b' }], ports: [{ containerPort: 80 }], volumeMounts: [{ name: 'data', mountPath: '/d' }],
  livenessProbe: { httpGet: { path: '/', port: 80 } }, resources: { requests, limits }, ...extra,
});
const status = (extra: object = {}) => ({
  phase: 'Running', hostIP: '10.0.0.1', podIP: '10.1.0.1', startTime: '2026-01-01T00:00:00Z',
  conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }], ...extra,
});

const pods: [string, QuotaObject][] = [
  ['requests and limits', { metadata: meta(), spec: { containers: [container('a', { cpu: '1', memory: '1Gi' }, { cpu: '2', memory: '2Gi' })], volumes: [{ name: 'data', emptyDir: {} }], nodeName: 'n' }, status: status({ qosClass: 'Burstable' }) }],
  ['sidecars, init containers, overhead', { metadata: meta(), spec: {
    containers: [container('a', { cpu: '1' })], overhead: { cpu: '100m' },
    initContainers: [container('s', { cpu: '500m' }, undefined, { restartPolicy: 'Always' }), container('i', { cpu: '2', 'example.com/gpu': '1' })],
  }, status: status() }],
  ['pod-level resources, a priority class, a deadline', { metadata: meta(), spec: {
    resources: { requests: { cpu: '3' }, limits: { cpu: '4', memory: '2Gi' } }, containers: [container('a', { 'hugepages-2Mi': '4Mi' })],
    priorityClassName: 'high', activeDeadlineSeconds: 60,
  }, status: status() }],
  ['an infeasible in-place resize', { metadata: meta(), spec: { containers: [container('a', { cpu: '8' }, { cpu: '8' })] }, status: status({
    conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodResizePending', status: 'True', reason: 'Infeasible', message: 'no room' }],
    containerStatuses: [{ name: 'a', ready: true, image: 'x', imageID: 'y', allocatedResources: { cpu: '1' }, resources: { requests: { cpu: '1' }, limits: { cpu: '1' } } }],
  }) }],
  ['cross-namespace affinity', { metadata: meta(), spec: { containers: [container('a')], affinity: {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: 'k', namespaceSelector: {} } }] },
  } }, status: status({ qosClass: 'BestEffort' }) }],
  ['same-namespace affinity only', { metadata: meta(), spec: { containers: [container('a')], affinity: {
    podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'k', labelSelector: { matchLabels: { a: 'b' } }, namespaces: [] }] },
  } }, status: status() }],
  ['terminating past its grace period', { metadata: meta({ deletionTimestamp: '2025-12-31T23:59:00Z', deletionGracePeriodSeconds: 30 }), spec: { containers: [container('a', { cpu: '1' })] }, status: status() }],
  ['succeeded', { metadata: meta(), spec: { containers: [container('a', { cpu: '1' })] }, status: status({ phase: 'Succeeded' }) }],
];
const scopes = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'CrossNamespacePodAffinity'].map((scopeName) => ({ scopeName, operator: 'Exists' }))
  .concat([{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] } as any, { scopeName: 'PriorityClass', operator: 'DoesNotExist' } as any]);
const required = ['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu'];

/** Everything an evaluator can say about an object. */
const verdicts = (e: Evaluator, o: QuotaObject) => ({
  usage: formatResourceList(e.usage(o, NOW)),
  scopes: scopes.map((s) => e.matchesScope(s, o)),
  constraints: e.constraints(required, o),
});

describe('podView', () => {
  it.each(pods)('%s: the view is evaluated exactly as the pod', (_, p) => {
    expect(verdicts(podEvaluator, podView(p))).toEqual(verdicts(podEvaluator, p));
  });

  it('keeps identity and termination, drops what quota never reads', () => {
    const v = podView(pods[6]![1]);
    expect(v.metadata).toEqual({ name: 'x', namespace: 'ns', uid: 'u-1', resourceVersion: '42', deletionTimestamp: '2025-12-31T23:59:00Z', deletionGracePeriodSeconds: 30 });
    expect(JSON.stringify(v)).not.toMatch(/managedFields|image|livenessProbe|volumeMounts|podIP|last-applied/);
    expect(JSON.stringify(v).length).toBeLessThan(JSON.stringify(pods[6]![1]).length / 3);
  });
});

describe('serviceView / claimView / countedView', () => {
  it.each<[string, QuotaObject]>([
    ['ClusterIP', { metadata: meta(), spec: { type: 'ClusterIP', ports: [{ port: 80, targetPort: 8080 }], selector: { app: 'web' } } }],
    ['NodePort', { metadata: meta(), spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }, { port: 81, nodePort: 30081 }] } }],
    ['LoadBalancer without node port allocation', { metadata: meta(), spec: { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ port: 80, nodePort: 30080 }, { port: 81 }] } }],
  ])('service %s', (_, s) => {
    expect(verdicts(serviceEvaluator, serviceView(s))).toEqual(verdicts(serviceEvaluator, s));
  });

  it.each<[string, QuotaObject]>([
    ['by storage class', { metadata: meta(), spec: { storageClassName: 'fast', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1.5Gi' } } }, status: { phase: 'Bound', allocatedResources: { storage: '2Gi' } } }],
    ['by the beta annotation', { metadata: meta({ annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' } }), spec: { resources: { requests: { storage: '1Gi' } } } }],
    ['with volume attributes classes', { metadata: meta(), spec: { volumeAttributesClassName: 'gold', resources: { requests: { storage: '1Gi' } } }, status: { currentVolumeAttributesClassName: 'silver', modifyVolumeStatus: { targetVolumeAttributesClassName: 'gold', status: 'InProgress' } } }],
  ])('claim %s', (_, c) => {
    const withScope = (o: QuotaObject) => ({ ...verdicts(persistentVolumeClaimEvaluator, o), vac: ['gold', 'silver', 'none'].map((v) => persistentVolumeClaimEvaluator.matchesScope({ scopeName: 'VolumeAttributesClass', operator: 'In', values: [v] }, o)) });
    expect(withScope(claimView(c))).toEqual(withScope(c));
  });

  it('a counted object keeps only its identity', () => {
    expect(countedView({ metadata: meta(), spec: { replicas: 3 } } as QuotaObject)).toEqual({ metadata: { name: 'x', namespace: 'ns', uid: 'u-1', resourceVersion: '42' } });
  });
});
