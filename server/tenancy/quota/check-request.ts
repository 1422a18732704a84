// The decision of upstream's quota admission (plugin/pkg/admission/resourcequota/controller.go, CheckRequest) for
// the AccountQuotas of one account, split in two: what a request would charge (pure, from the object), and whether
// that charge fits the usage recorded at the moment it is committed.
import { objectCountEvaluator, persistentVolumeClaimEvaluator, serviceEvaluator } from './core-evaluators';
import { podEvaluator } from './pod-evaluator';
import {
  addResources, lessThanOrEqual, maskResources, parseResourceList, prettyPrint, removeZeros, subtractResources,
  subtractResourcesNonNegative, type ResourceList,
} from './resource-list';
import { scopeSelectorsOf } from './scopes';
import type { Evaluator, QuotaObject, QuotaRequest, QuotaSpec } from './types';

/** `pods`, `services`, `deployments.apps`: a resource qualified by its API group, as Kubernetes prints it. */
export const groupResourceOf = (group: string, resource: string) => (group ? `${resource}.${group}` : resource);

/** The evaluator of a resource: pods, services and claims have their own; everything else is an object count. */
export function evaluatorFor(group: string, resource: string): Evaluator {
  if (!group && resource === 'pods') return podEvaluator;
  if (!group && resource === 'services') return serviceEvaluator;
  if (!group && resource === 'persistentvolumeclaims') return persistentVolumeClaimEvaluator;
  return objectCountEvaluator(groupResourceOf(group, resource));
}

/** Names of the limits in a quota spec. */
export const hardNames = (spec: QuotaSpec) => Object.keys(spec.hard ?? {});

/** Whether a quota applies to an object: it limits something the evaluator charges, and every scope matches (`generic.Matches`). */
export function quotaMatches(evaluator: Evaluator, spec: QuotaSpec, obj: QuotaObject): boolean {
  return evaluator.matchingResources(hardNames(spec)).length > 0 && scopeSelectorsOf(spec).every((s) => evaluator.matchesScope(s, obj));
}

/** What an object counts against one quota: its usage limited to the quota's resources; empty when the quota does not apply. */
export function quotaUsage(evaluator: Evaluator, spec: QuotaSpec, obj: QuotaObject, now: number): ResourceList {
  if (!quotaMatches(evaluator, spec, obj)) return {};
  return maskResources(evaluator.usage(obj, now), hardNames(spec));
}

/** The usage and the limits one quota is enforced with: a consistent pair, as a ResourceQuota's status is. */
export interface QuotaState {
  name: string;
  /** The spec the usage was counted for. */
  spec: QuotaSpec;
  /** Undefined until the usage controller has counted it. */
  used?: ResourceList;
}

/** One request's charge to one quota. */
export interface QuotaCharge {
  quota: string;
  /** The change in usage for the quota's resources; negative parts only when a pod shrinks in place. */
  requested: ResourceList;
  /** On UPDATE, the object's whole usage afterwards, so the controller can tell when it has seen the change. */
  after?: ResourceList;
}

export type CheckResult = { kind: 'ignore' } | { kind: 'deny'; message: string } | { kind: 'charge'; charges: QuotaCharge[] };

/** `pods "web-1" is forbidden: <reason>`, the text of `admission.NewForbidden`. */
export function forbiddenMessage(groupResource: string, name: string | undefined, reason: string): string {
  return name ? `${groupResource} "${name}" is forbidden: ${reason}` : `${groupResource} is forbidden: ${reason}`;
}

/**
 * What a request charges to each quota that applies (sorted by name), or the upstream denial when the object leaves
 * out something a quota needs (`failed quota: <q>: must specify …`) or a quota's usage is not known yet
 * (`status unknown for quota: <q>, resources: …`).
 */
export function checkRequest(
  req: QuotaRequest & { group: string; resource: string; name?: string; now: number },
  quotas: readonly QuotaState[],
): CheckResult {
  const evaluator = evaluatorFor(req.group, req.resource);
  const obj = req.object;
  if (!obj || !evaluator.handles(req)) return { kind: 'ignore' };
  const deny = (reason: string): CheckResult => ({ kind: 'deny', message: forbiddenMessage(evaluator.groupResource, req.name ?? obj.metadata?.name, reason) });
  const applying: QuotaState[] = [];
  for (const q of [...quotas].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!quotaMatches(evaluator, q.spec, obj)) continue;
    const restricted = evaluator.matchingResources(hardNames(q.spec));
    const missing = evaluator.constraints(restricted, obj);
    if (missing) return deny(`failed quota: ${q.name}: ${missing}`);
    if (!q.used || restricted.some((r) => !(r in q.used!))) return deny(`status unknown for quota: ${q.name}, resources: ${[...restricted].sort().join(',')}`);
    applying.push(q);
  }
  if (applying.length === 0) return { kind: 'ignore' };
  const usage = evaluator.usage(obj, req.now);
  let delta = usage;
  // an UPDATE charges the difference; without a resourceVersion the old object is a create-on-update and charges all
  if (req.operation === 'UPDATE' && req.oldObject?.metadata?.resourceVersion) {
    const before = evaluator.usage(req.oldObject, req.now);
    delta = evaluator.negativeUpdateDelta ? subtractResources(usage, before) : subtractResourcesNonNegative(usage, before);
  }
  delta = removeZeros(delta);
  if (Object.keys(delta).length === 0) return { kind: 'ignore' };
  const charges: QuotaCharge[] = [];
  for (const q of applying) {
    const requested = maskResources(delta, hardNames(q.spec));
    if (Object.keys(requested).length === 0) continue;
    charges.push({ quota: q.name, requested, ...(req.operation === 'UPDATE' ? { after: maskResources(usage, hardNames(q.spec)) } : {}) });
  }
  return charges.length ? { kind: 'charge', charges } : { kind: 'ignore' };
}

/**
 * Whether `requested` fits on top of `used` within `hard`; the upstream denial text (without the `… is forbidden:`
 * prefix) when it does not: `exceeded quota: <q>, requested: …, used: …, limited: …`, each listing only the
 * resources that overflow.
 */
export function exceededQuota(quota: string, spec: QuotaSpec, used: ResourceList, requested: ResourceList): string | undefined {
  const hard = parseResourceList(spec.hard);
  const newUsage = maskResources(addResources(used, requested), Object.keys(requested));
  const { ok, exceeded } = lessThanOrEqual(newUsage, hard);
  if (ok) return undefined;
  return `exceeded quota: ${quota}, requested: ${prettyPrint(maskResources(requested, exceeded))}, used: ${prettyPrint(maskResources(used, exceeded))}, limited: ${prettyPrint(maskResources(hard, exceeded))}`;
}
