import type { UserInfo } from '../tenancy/types';
import { kubeRequest } from './request';

export interface ResourceAttributes {
  verb: string;
  resource: string;
  group?: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/**
 * Asks the API server whether user may do something: the same RBAC answer a
 * request of theirs would get, without making that request.
 */
export async function userCan(user: UserInfo & { extra?: Record<string, readonly string[]> }, attrs: ResourceAttributes): Promise<boolean> {
  const review = await kubeRequest<{ status?: { allowed?: boolean } }>({
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview',
      spec: { user: user.username, groups: [...user.groups], extra: user.extra, resourceAttributes: { group: '', ...attrs } },
    },
  });
  return review.status?.allowed === true;
}
