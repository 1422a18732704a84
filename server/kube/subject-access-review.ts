import type { UserInfo } from '../tenancy/types';
import { accessReview, type ReviewResourceAttributes } from './access-review';

export type ResourceAttributes = ReviewResourceAttributes;

/**
 * Asks the API server whether user may do something: the same RBAC answer a
 * request of theirs would get, without making that request.
 */
export async function userCan(user: UserInfo & { extra?: Record<string, readonly string[]> }, attrs: ResourceAttributes): Promise<boolean> {
  const status = await accessReview({ user: user.username, groups: user.groups, extra: user.extra }, { resource: { group: '', ...attrs } });
  return status.allowed;
}
