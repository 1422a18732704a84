import { kubeRequest, type ActAs } from './request';
import type { ReviewResourceAttributes } from './access-review';

/** Who the API server says a credential belongs to. */
export interface SelfUserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra: Record<string, string[]>;
}

/**
 * SelfSubjectReview: the API server authenticates the credential exactly as it would any request and tells us
 * who that is. The console learns a pasted token's identity this way, never by decoding the token itself.
 */
export async function selfSubjectReview(as: ActAs): Promise<SelfUserInfo> {
  const review = await kubeRequest<{ status?: { userInfo?: Partial<SelfUserInfo> } }>({
    method: 'POST',
    path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    as,
    timeoutMs: 10_000,
  });
  const u = review.status?.userInfo;
  if (!u?.username) throw new Error('The API server returned a SelfSubjectReview without a username');
  return { username: u.username, uid: u.uid, groups: u.groups ?? [], extra: u.extra ?? {} };
}

/**
 * SelfSubjectAccessReviews for several actions at once, as the person: what the console shows as possible.
 * Only a hint for the UI — the request itself is always the check.
 */
export async function selfCan(as: ActAs, attrs: readonly ReviewResourceAttributes[]): Promise<boolean[]> {
  return Promise.all(attrs.map(async (resourceAttributes) => {
    const r = await kubeRequest<{ status?: { allowed?: boolean } }>({
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } },
      as,
    });
    return r.status?.allowed === true;
  }));
}

/** One rule of a SelfSubjectRulesReview: what the person may do, as RBAC lists it. */
export interface SelfResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

/**
 * SelfSubjectRulesReview: the rules that apply to the person in `namespace`, cluster-wide grants included. The
 * console learns from it which objects a person may get by name but not list (their own account's quotas).
 */
export async function selfRules(as: ActAs, namespace = 'default'): Promise<SelfResourceRule[]> {
  const r = await kubeRequest<{ status?: { resourceRules?: SelfResourceRule[] } }>({
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
    body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace } },
    as,
  });
  return r.status?.resourceRules ?? [];
}
