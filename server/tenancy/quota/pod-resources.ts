// A pod's effective requests and limits, as k8s.io/component-helpers/resource computes them for quota on Kubernetes
// 1.36: sidecar-aware init containers, pod overhead, pod-level resources (PodLevelResources on) and, because in-place
// resize is GA, the larger of spec and the resources the kubelet reports (UseStatusResources).
import { addResources, maxResources, parseResourceList, type ResourceList } from './resource-list';
import { addQuantity, compareQuantity, zeroQuantity } from './quantity';
import type { QuotaObject } from './types';

type ContainerResources = (container: any, status: any, resizeInfeasible: boolean) => ResourceList | undefined;

const parse = (list: unknown): ResourceList | undefined => (list ? parseResourceList(list as Record<string, string>) : undefined);

/** cpu, memory and hugepages-* may be set for the whole pod (`spec.resources`). */
export function isPodLevelResource(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name.startsWith('hugepages-');
}

const hasPodLevel = (list: Record<string, unknown> | undefined) => Object.keys(list ?? {}).some(isPodLevelResource);

/** Whether `spec.resources` sets requests or limits of a pod-level resource (`IsPodLevelResourcesSet`). */
export function podLevelResourcesSet(pod: QuotaObject): boolean {
  return hasPodLevel(pod.spec?.resources?.requests) || hasPodLevel(pod.spec?.resources?.limits);
}

function resizeInfeasible(pod: QuotaObject): boolean {
  const c = (pod.status?.conditions ?? []).find((x: any) => x?.type === 'PodResizePending');
  return c?.reason === 'Infeasible';
}

function containerStatus(pod: QuotaObject, name: string): any {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s: any) => s?.name === name);
}

/** Sum of containers, with init containers as a peak that sidecars (restartPolicy Always) add to. */
function aggregate(pod: QuotaObject, pick: ContainerResources, useStatus: boolean): ResourceList {
  const infeasible = useStatus && resizeInfeasible(pod);
  const of = (c: any) => pick(c, useStatus ? containerStatus(pod, c?.name) : undefined, infeasible) ?? {};
  let result: ResourceList = {};
  for (const c of pod.spec?.containers ?? []) result = addResources(result, of(c));
  let sidecars: ResourceList = {};
  let initPeak: ResourceList = {};
  for (const c of pod.spec?.initContainers ?? []) {
    let resources = of(c);
    if (c?.restartPolicy === 'Always') {
      result = addResources(result, resources);
      sidecars = addResources(sidecars, resources);
      resources = sidecars;
    } else {
      resources = addResources(resources, sidecars);
    }
    initPeak = maxResources(initPeak, resources);
  }
  return maxResources(result, initPeak);
}

const specRequests: ContainerResources = (c) => parse(c?.resources?.requests);
const allocatedRequests: ContainerResources = (c, s, infeasible) => parse(s?.allocatedResources) ?? (infeasible ? undefined : specRequests(c, s, infeasible));
const actuatedRequests: ContainerResources = (c, s, infeasible) => parse(s?.resources?.requests) ?? allocatedRequests(c, s, infeasible);
const specLimits: ContainerResources = (c) => parse(c?.resources?.limits);
const actuatedLimits: ContainerResources = (c, s, infeasible) => parse(s?.resources?.limits) ?? (infeasible ? undefined : specLimits(c, s, infeasible));

function applyPodLevel(result: ResourceList, podLevel: unknown): ResourceList {
  const out = { ...result };
  for (const [name, q] of Object.entries(parse(podLevel) ?? {})) if (isPodLevelResource(name)) out[name] = q;
  return out;
}

/** The pod's requests (`resourcehelper.PodRequests`), overhead included. */
export function podRequests(pod: QuotaObject): ResourceList {
  const infeasible = resizeInfeasible(pod);
  const spec = aggregate(pod, specRequests, false);
  const actuated = aggregate(pod, actuatedRequests, true);
  const allocated = aggregate(pod, allocatedRequests, true);
  let reqs = infeasible ? maxResources(actuated, allocated) : maxResources(maxResources(spec, actuated), allocated);
  if (hasPodLevel(pod.spec?.resources?.requests)) reqs = applyPodLevel(reqs, pod.spec.resources.requests);
  return addResources(reqs, parse(pod.spec?.overhead) ?? {});
}

/** The pod's limits (`resourcehelper.PodLimits`); overhead is added to limits that are set and non-zero. */
export function podLimits(pod: QuotaObject): ResourceList {
  const spec = aggregate(pod, specLimits, false);
  const actuated = aggregate(pod, actuatedLimits, true);
  let limits = resizeInfeasible(pod) ? actuated : maxResources(spec, actuated);
  if (podLevelResourcesSet(pod)) limits = applyPodLevel(limits, pod.spec?.resources?.limits);
  const out = { ...limits };
  for (const [name, q] of Object.entries(parse(pod.spec?.overhead) ?? {})) {
    if (name in out && out[name]!.nanos !== 0n) out[name] = addQuantity(out[name]!, q);
  }
  return out;
}

/** Whether the pod's QoS class is BestEffort: no positive cpu or memory request or limit anywhere (`GetPodQOS`). */
export function isBestEffort(pod: QuotaObject): boolean {
  if (pod.status?.qosClass) return pod.status.qosClass === 'BestEffort';
  const positive = (list: unknown) => Object.entries(parse(list) ?? {}).some(([n, q]) => (n === 'cpu' || n === 'memory') && compareQuantity(q, zeroQuantity()) > 0);
  if (pod.spec?.resources) return !positive(pod.spec.resources.requests) && !positive(pod.spec.resources.limits);
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  return !containers.some((c: any) => positive(c?.resources?.requests) || positive(c?.resources?.limits));
}
