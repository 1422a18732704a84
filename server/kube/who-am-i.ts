import { kubeRequest } from './request';

let cached: Promise<string> | undefined;

/** The username Atrium's own credentials authenticate as (a SelfSubjectReview), asked once per process. */
export function whoAmI(): Promise<string> {
  cached ??= kubeRequest<{ status?: { userInfo?: { username?: string } } }>({
    method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  }).then((r) => {
    const name = r.status?.userInfo?.username;
    if (!name) throw new Error('the SelfSubjectReview named no user');
    return name;
  }).catch((e: unknown) => {
    cached = undefined;
    throw e;
  });
  return cached;
}
