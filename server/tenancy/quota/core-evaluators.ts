// Upstream's evaluators for services, persistent volume claims and plain object counts
// (pkg/quota/v1/evaluator/core/{services,persistent_volume_claims}.go, apiserver/pkg/quota/v1/generic).
import { quantityOf, roundUpToInteger, zeroQuantity } from './quantity';
import { maxResources, parseResourceList, type ResourceList } from './resource-list';
import { matchesNamedScope } from './scopes';
import type { Evaluator, QuotaObject } from './types';

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const PVC_RESOURCES = ['persistentvolumeclaims', 'requests.storage'];
const SERVICE_RESOURCES = new Set(['count/services', 'services', 'services.nodeports', 'services.loadbalancers']);

/** Core resources whose object count quota also has a name without `count/` (`legacyObjectCountAliases`). */
const LEGACY_COUNT_NAMES: Record<string, string> = {
  configmaps: 'configmaps', secrets: 'secrets', replicationcontrollers: 'replicationcontrollers', resourcequotas: 'resourcequotas',
};

/** The object count resource of a group resource: `count/pods`, `count/deployments.apps`. */
export const objectCountName = (groupResource: string) => `count/${groupResource}`;

const noScopes = () => false;

export const serviceEvaluator: Evaluator = {
  groupResource: 'services',
  negativeUpdateDelta: false,
  // a service's type, and with it its node ports and load balancer, can change on update
  handles: ({ operation, subResource }) => !subResource && (operation === 'CREATE' || operation === 'UPDATE'),
  matchingResources: (names) => names.filter((n) => SERVICE_RESOURCES.has(n)),
  matchesScope: noScopes,
  usage(svc) {
    const ports: any[] = svc.spec?.ports ?? [];
    const out: Record<string, ResourceList[string]> = {
      'count/services': quantityOf(1), services: quantityOf(1),
      'services.loadbalancers': zeroQuantity(), 'services.nodeports': zeroQuantity(),
    };
    if (svc.spec?.type === 'NodePort') out['services.nodeports'] = quantityOf(ports.length);
    if (svc.spec?.type === 'LoadBalancer') {
      // with node port allocation off only explicitly requested node ports are taken
      const nodePorts = svc.spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => p?.nodePort).length : ports.length;
      out['services.nodeports'] = quantityOf(nodePorts);
      out['services.loadbalancers'] = quantityOf(1);
    }
    return out;
  },
  constraints: () => undefined,
};

/** The storage class of a claim: the beta annotation wins over `spec.storageClassName` (`GetPersistentVolumeClaimClass`). */
export function claimStorageClass(pvc: QuotaObject): string {
  return pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
}

function volumeAttributesClasses(pvc: QuotaObject): string[] {
  const names = [pvc.spec?.volumeAttributesClassName, pvc.status?.currentVolumeAttributesClassName, pvc.status?.modifyVolumeStatus?.targetVolumeAttributesClassName];
  return [...new Set(names.filter((n): n is string => typeof n === 'string' && n.length > 0))];
}

export const persistentVolumeClaimEvaluator: Evaluator = {
  groupResource: 'persistentvolumeclaims',
  negativeUpdateDelta: false,
  // claims grow on update (volume expansion)
  handles: ({ operation, subResource }) => !subResource && (operation === 'CREATE' || operation === 'UPDATE'),
  matchingResources: (names) => names.filter((n) => n === 'count/persistentvolumeclaims' || PVC_RESOURCES.includes(n)
    || PVC_RESOURCES.some((r) => n.endsWith(STORAGE_CLASS_SUFFIX + r))),
  matchesScope: (selector, pvc) => selector.scopeName === 'VolumeAttributesClass' && matchesNamedScope(selector, volumeAttributesClasses(pvc)),
  usage(pvc) {
    const out: Record<string, ResourceList[string]> = { persistentvolumeclaims: quantityOf(1), 'count/persistentvolumeclaims': quantityOf(1) };
    const storageClass = claimStorageClass(pvc);
    if (storageClass) out[`${storageClass}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`] = quantityOf(1);
    // the larger of what was asked and what was allocated, in whole bytes
    const requested = parseResourceList(pvc.spec?.resources?.requests?.storage !== undefined ? { storage: pvc.spec.resources.requests.storage } : {});
    const allocated = parseResourceList(pvc.status?.allocatedResources?.storage !== undefined ? { storage: pvc.status.allocatedResources.storage } : {});
    const storage = maxResources(requested, allocated).storage;
    if (storage) {
      out['requests.storage'] = roundUpToInteger(storage);
      if (storageClass) out[`${storageClass}${STORAGE_CLASS_SUFFIX}requests.storage`] = roundUpToInteger(storage);
    }
    return out;
  },
  constraints: () => undefined,
};

/** Counts objects of any other resource: `count/<resource>.<group>` (and `configmaps`, `secrets` … for the old names). */
export function objectCountEvaluator(groupResource: string): Evaluator {
  const names = [objectCountName(groupResource), ...(LEGACY_COUNT_NAMES[groupResource] ? [LEGACY_COUNT_NAMES[groupResource]] : [])];
  return {
    groupResource,
    negativeUpdateDelta: false,
    handles: ({ operation, subResource }) => !subResource && operation === 'CREATE',
    matchingResources: (hard) => hard.filter((n) => names.includes(n)),
    matchesScope: noScopes,
    usage: () => Object.fromEntries(names.map((n) => [n, quantityOf(1)])),
    constraints: () => undefined,
  };
}
