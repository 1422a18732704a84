// What the controller's informers keep of the objects quota counts. A cached Pod
// is mostly managedFields, status conditions, volumes, env and probes; quota
// reads a few dozen bytes of it. Each view keeps exactly the fields its
// evaluator (pod-evaluator.ts, core-evaluators.ts) reads; the tests evaluate
// full objects and their views side by side.
import type { QuotaObject, QuotaObjectMeta } from './types';

const STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** The metadata every view keeps: identity, version and termination. */
export function metaView(m: QuotaObjectMeta | undefined): QuotaObjectMeta {
  const out: QuotaObjectMeta = { name: m?.name, namespace: m?.namespace, uid: m?.uid, resourceVersion: m?.resourceVersion };
  if (m?.deletionTimestamp) out.deletionTimestamp = m.deletionTimestamp;
  if (m?.deletionGracePeriodSeconds !== undefined) out.deletionGracePeriodSeconds = m.deletionGracePeriodSeconds;
  return out;
}

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const containerView = (c: any) => defined({ name: c?.name, resources: c?.resources, restartPolicy: c?.restartPolicy });
const statusView = (s: any) => defined({ name: s?.name, allocatedResources: s?.allocatedResources, resources: s?.resources });
// Only whether a term reaches other namespaces matters (CrossNamespacePodAffinity).
const termView = (t: any) => defined({ namespaces: t?.namespaces?.length ? t.namespaces : undefined, namespaceSelector: t?.namespaceSelector ?? undefined });
const affinityView = (a: any) => a && defined({
  requiredDuringSchedulingIgnoredDuringExecution: a.requiredDuringSchedulingIgnoredDuringExecution?.map(termView),
  preferredDuringSchedulingIgnoredDuringExecution: a.preferredDuringSchedulingIgnoredDuringExecution?.map((w: any) => ({ podAffinityTerm: termView(w?.podAffinityTerm) })),
});

/** A pod as quota sees it: container resources, overhead, pod-level resources, scopes' fields, phase, QoS and resize state. */
export function podView(pod: QuotaObject): QuotaObject {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const affinity = spec.affinity && defined({ podAffinity: affinityView(spec.affinity.podAffinity), podAntiAffinity: affinityView(spec.affinity.podAntiAffinity) });
  return {
    metadata: metaView(pod.metadata),
    spec: defined({
      containers: spec.containers?.map(containerView),
      initContainers: spec.initContainers?.map(containerView),
      overhead: spec.overhead,
      resources: spec.resources,
      activeDeadlineSeconds: spec.activeDeadlineSeconds,
      priorityClassName: spec.priorityClassName,
      affinity: affinity && Object.keys(affinity).length ? affinity : undefined,
    }),
    status: defined({
      phase: status.phase,
      qosClass: status.qosClass,
      conditions: status.conditions?.filter((c: any) => c?.type === 'PodResizePending').map((c: any) => ({ type: c.type, reason: c.reason })),
      containerStatuses: status.containerStatuses?.map(statusView),
      initContainerStatuses: status.initContainerStatuses?.map(statusView),
    }),
  };
}

/** A service as quota sees it: its type and how many node ports it takes. */
export function serviceView(svc: QuotaObject): QuotaObject {
  const spec = svc.spec ?? {};
  return {
    metadata: metaView(svc.metadata),
    spec: defined({ type: spec.type, allocateLoadBalancerNodePorts: spec.allocateLoadBalancerNodePorts, ports: spec.ports?.map((p: any) => defined({ nodePort: p?.nodePort })) }),
  };
}

/** A claim as quota sees it: storage class, requested and allocated storage, volume attributes classes. */
export function claimView(pvc: QuotaObject): QuotaObject {
  const spec = pvc.spec ?? {};
  const status = pvc.status ?? {};
  const storageClass = pvc.metadata?.annotations?.[STORAGE_CLASS_ANNOTATION];
  return {
    metadata: { ...metaView(pvc.metadata), ...(storageClass !== undefined ? { annotations: { [STORAGE_CLASS_ANNOTATION]: storageClass } } : {}) },
    spec: defined({
      storageClassName: spec.storageClassName,
      volumeAttributesClassName: spec.volumeAttributesClassName,
      resources: spec.resources?.requests?.storage !== undefined ? { requests: { storage: spec.resources.requests.storage } } : undefined,
    }),
    status: defined({
      allocatedResources: status.allocatedResources?.storage !== undefined ? { storage: status.allocatedResources.storage } : undefined,
      currentVolumeAttributesClassName: status.currentVolumeAttributesClassName,
      modifyVolumeStatus: status.modifyVolumeStatus?.targetVolumeAttributesClassName !== undefined
        ? { targetVolumeAttributesClassName: status.modifyVolumeStatus.targetVolumeAttributesClassName } : undefined,
    }),
  };
}

/** Any other counted object (`count/<resource>`): only that it exists. */
export function countedView(obj: QuotaObject): QuotaObject {
  return { metadata: metaView(obj.metadata) };
}
