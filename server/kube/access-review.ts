import { kubeRequest } from './request';

/** `SubjectAccessReview.spec.resourceAttributes`. */
export interface ReviewResourceAttributes {
  verb: string;
  group?: string;
  version?: string;
  resource: string;
  subresource?: string;
  name?: string;
  namespace?: string;
}

/** `SubjectAccessReview.spec.nonResourceAttributes`. */
export interface NonResourceAttributes {
  verb: string;
  path: string;
}

/** Who is asking, exactly as the API server authenticated them. */
export interface ReviewedUser {
  user: string;
  groups?: readonly string[];
  uid?: string;
  extra?: Record<string, readonly string[]>;
}

/** `SubjectAccessReview.status`. */
export interface AccessReviewStatus {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

/**
 * Asks the API server's authorizer chain (RBAC, webhooks, ...) whether a user
 * may do something: the delegated authorization every aggregated API server
 * performs. Sent with Atrium's own identity, which needs `create
 * subjectaccessreviews`.
 */
export async function accessReview(
  who: ReviewedUser,
  attributes: { resource: ReviewResourceAttributes } | { nonResource: NonResourceAttributes },
): Promise<AccessReviewStatus> {
  const spec: Record<string, unknown> = { user: who.user, groups: who.groups, uid: who.uid, extra: who.extra };
  if ('resource' in attributes) spec.resourceAttributes = attributes.resource;
  else spec.nonResourceAttributes = attributes.nonResource;
  const review = await kubeRequest<{ status?: AccessReviewStatus }>({
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
    body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec },
  });
  return { allowed: review.status?.allowed === true, denied: review.status?.denied, reason: review.status?.reason, evaluationError: review.status?.evaluationError };
}
