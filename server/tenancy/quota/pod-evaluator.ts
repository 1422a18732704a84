// Upstream's pod evaluator (pkg/quota/v1/evaluator/core/pods.go) for Kubernetes 1.36.
import { isBestEffort, podLevelResourcesSet, podLimits, podRequests } from './pod-resources';
import { quantityOf } from './quantity';
import { addResources, type ResourceList } from './resource-list';
import { matchesNamedScope } from './scopes';
import type { Evaluator, QuotaObject } from './types';

const POD_RESOURCES = new Set([
  'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
]);
// A quota on cpu or memory forces every container to declare it: an old mistake upstream keeps for compatibility.
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);
const QUALIFIED_NAME = /^(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** A resource name of the `kubernetes.io` domain, or without a domain. */
const isNativeResource = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');

/** An extended resource (`example.com/gpu`), which quota charges only as `requests.<name>`. */
export function isExtendedResourceName(name: string): boolean {
  if (name.startsWith('deviceclass.resource.kubernetes.io/')) return true;
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return QUALIFIED_NAME.test(`requests.${name}`);
}

/** A quota resource naming an extended resource: `requests.example.com/gpu`, `requests.deviceclass.resource.kubernetes.io/x`. */
function isExtendedQuotaResource(name: string): boolean {
  if (!name.startsWith('requests.')) return false;
  return !isNativeResource(name) || name.startsWith('requests.deviceclass.resource.kubernetes.io/');
}

/** What requests and limits charge (`podComputeUsageHelper`). */
export function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: Record<string, ResourceList[string]> = { pods: quantityOf(1) };
  const copy = (from: ResourceList, name: string, ...to: string[]) => {
    if (name in from) for (const t of to) out[t] = from[name]!;
  };
  copy(requests, 'cpu', 'cpu', 'requests.cpu');
  copy(limits, 'cpu', 'limits.cpu');
  copy(requests, 'memory', 'memory', 'requests.memory');
  copy(limits, 'memory', 'limits.memory');
  copy(requests, 'ephemeral-storage', 'ephemeral-storage', 'requests.ephemeral-storage');
  copy(limits, 'ephemeral-storage', 'limits.ephemeral-storage');
  for (const [name, q] of Object.entries(requests)) {
    if (name.startsWith('hugepages-')) {
      out[name] = q;
      out[`requests.${name}`] = q;
    }
    if (isExtendedResourceName(name)) out[`requests.${name}`] = q;
  }
  return out;
}

/** A pod with a non-negative activeDeadlineSeconds: the Terminating scope. */
export const isTerminating = (pod: QuotaObject) => typeof pod.spec?.activeDeadlineSeconds === 'number' && pod.spec.activeDeadlineSeconds >= 0;

/**
 * Whether a pod still counts for compute quota (`QuotaV1Pod`): not Succeeded or Failed, and not stuck terminating
 * past its grace period (deletionTimestamp + grace, so a lost node does not hold quota forever).
 */
export function podCountsForQuota(pod: QuotaObject, now: number): boolean {
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return false;
  const { deletionTimestamp, deletionGracePeriodSeconds } = pod.metadata ?? {};
  if (deletionTimestamp && typeof deletionGracePeriodSeconds === 'number') {
    return now <= Date.parse(deletionTimestamp) + deletionGracePeriodSeconds * 1000;
  }
  return true;
}

function usesCrossNamespaceAffinity(pod: QuotaObject): boolean {
  const cross = (t: any) => (t?.namespaces?.length ?? 0) > 0 || t?.namespaceSelector != null;
  const any = (a: any) => (a?.requiredDuringSchedulingIgnoredDuringExecution ?? []).some(cross)
    || (a?.preferredDuringSchedulingIgnoredDuringExecution ?? []).some((w: any) => cross(w?.podAffinityTerm));
  return any(pod.spec?.affinity?.podAffinity) || any(pod.spec?.affinity?.podAntiAffinity);
}

export const podEvaluator: Evaluator = {
  groupResource: 'pods',
  negativeUpdateDelta: true,
  handles({ operation, subResource, object, oldObject }) {
    if (subResource === 'resize') return operation === 'UPDATE';
    if (subResource) return false;
    if (operation === 'UPDATE') return !!object && !!oldObject && isTerminating(object) !== isTerminating(oldObject);
    return operation === 'CREATE';
  },
  matchingResources: (names) => names.filter((n) => POD_RESOURCES.has(n) || n.startsWith('hugepages-') || n.startsWith('requests.hugepages-') || isExtendedQuotaResource(n)),
  matchesScope(selector, pod) {
    switch (selector.scopeName) {
      case 'Terminating': return isTerminating(pod);
      case 'NotTerminating': return !isTerminating(pod);
      case 'BestEffort': return isBestEffort(pod);
      case 'NotBestEffort': return !isBestEffort(pod);
      case 'PriorityClass': return matchesNamedScope(selector, pod.spec?.priorityClassName ? [pod.spec.priorityClassName] : []);
      case 'CrossNamespacePodAffinity': return usesCrossNamespaceAffinity(pod);
      default: return false;
    }
  },
  usage(pod, now) {
    const count: ResourceList = { 'count/pods': quantityOf(1) };
    if (!podCountsForQuota(pod, now)) return count;
    return addResources(count, computeUsage(podRequests(pod), podLimits(pod)));
  },
  constraints(required, pod) {
    if (podLevelResourcesSet(pod)) return undefined;
    const needed = required.filter((r) => VALIDATION_SET.has(r));
    const missing = new Map<string, Set<string>>();
    for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
      const declared = computeUsage(parseOrEmpty(c?.resources?.requests), parseOrEmpty(c?.resources?.limits));
      for (const r of needed) if (!(r in declared)) missing.set(r, (missing.get(r) ?? new Set()).add(String(c?.name ?? '')));
    }
    if (missing.size === 0) return undefined;
    const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },
};

function parseOrEmpty(list: unknown): ResourceList {
  // Only presence matters for constraints: a declared but unparsable value is the API server's to reject.
  return Object.fromEntries(Object.keys((list as object | undefined) ?? {}).map((k) => [k, quantityOf(0)]));
}
