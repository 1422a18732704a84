// Wire shapes the quota logic reads. Objects arrive as JSON from admission reviews and watches, so every field is optional.
import type { ResourceList, ResourceListText } from './resource-list';

/** One requirement of a ResourceQuota `scopeSelector`. */
export interface ScopeSelectorRequirement {
  scopeName: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

/** A core ResourceQuotaSpec, as `AccountQuota.spec.quota` holds it. */
export interface QuotaSpec {
  hard?: ResourceListText;
  scopes?: string[];
  scopeSelector?: { matchExpressions?: ScopeSelectorRequirement[] } | null;
}

/** The metadata fields quota evaluation looks at. */
export interface QuotaObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  annotations?: Record<string, string>;
}

/** Any namespaced object under quota (pod, service, claim, or anything counted by `count/<resource>`). */
export interface QuotaObject {
  metadata?: QuotaObjectMeta;
  spec?: any;
  status?: any;
}

/** What the API server asks admission about. */
export interface QuotaRequest {
  operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  subResource?: string;
  object?: QuotaObject;
  oldObject?: QuotaObject;
}

/**
 * Measures one kind of object for quota, as upstream's `quota.Evaluator` does: which quota resources it can charge,
 * which scopes it understands, its usage, and the fields a quota may force it to declare.
 */
export interface Evaluator {
  /** `pods`, `services`, `deployments.apps` … */
  readonly groupResource: string;
  /** Whether this operation can change usage at all. */
  handles(req: QuotaRequest): boolean;
  /** The subset of `names` this evaluator charges. */
  matchingResources(names: readonly string[]): string[];
  /** Whether the object falls under one scope selector requirement; unknown scopes never match. */
  matchesScope(selector: ScopeSelectorRequirement, obj: QuotaObject): boolean;
  /** Everything the object uses; `now` (epoch ms) decides whether a pod stuck terminating still counts. */
  usage(obj: QuotaObject, now: number): ResourceList;
  /** `must specify …` when the object leaves out something the quota's resources require; undefined when it is fine. */
  constraints(required: readonly string[], obj: QuotaObject): string | undefined;
  /** Pods may shrink in place, so an UPDATE's usage change may be negative; other kinds charge only growth. */
  readonly negativeUpdateDelta: boolean;
}
