import type { QuotaSpec, ScopeSelectorRequirement } from './types';

/** `spec.scopes` as `Exists` requirements followed by `spec.scopeSelector.matchExpressions` (`getScopeSelectorsFromQuota`). */
export function scopeSelectorsOf(spec: QuotaSpec): ScopeSelectorRequirement[] {
  return [
    ...(spec.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })),
    ...(spec.scopeSelector?.matchExpressions ?? []),
  ];
}

/**
 * Label-selector semantics of a scope requirement against one named value (a pod's priority class, a claim's volume
 * attributes class): In and NotIn compare the value, Exists and DoesNotExist ask whether there is one. NotIn also
 * matches when there is no value, as a label selector does.
 */
export function matchesNamedScope(selector: ScopeSelectorRequirement, values: readonly string[]): boolean {
  const wanted = selector.values ?? [];
  switch (selector.operator) {
    case 'Exists':
      return values.length > 0;
    case 'DoesNotExist':
      return values.length === 0;
    case 'In':
      return values.some((v) => wanted.includes(v));
    case 'NotIn':
      return values.length === 0 || values.some((v) => !wanted.includes(v));
    default:
      return false;
  }
}
