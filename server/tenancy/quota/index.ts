// Quota arithmetic with upstream ResourceQuota semantics, for AccountQuotas. Pure: no I/O.
export {
  addQuantity, compareQuantity, formatQuantity, parseQuantity, quantityError, quantityOf, roundUpToInteger, subtractQuantity, zeroQuantity,
  type Quantity, type QuantityFormat,
} from './quantity';
export {
  addResources, equalResources, formatResourceList, lessThanOrEqual, maskResources, maxResources, parseResourceList, positiveResources,
  prettyPrint, removeZeros, subtractResources, subtractResourcesNonNegative, type ResourceList, type ResourceListText,
} from './resource-list';
export {
  checkRequest, evaluatorFor, exceededQuota, forbiddenMessage, groupResourceOf, hardNames, quotaMatches, quotaUsage,
  type CheckResult, type QuotaCharge, type QuotaState,
} from './check-request';
export { objectCountName, claimStorageClass } from './core-evaluators';
export { podCountsForQuota, isTerminating } from './pod-evaluator';
export { scopeSelectorsOf } from './scopes';
export { UsageLedger } from './usage-ledger';
export { claimView, countedView, podView, serviceView } from './quota-view';
export type { Evaluator, QuotaObject, QuotaRequest, QuotaSpec, ScopeSelectorRequirement } from './types';
