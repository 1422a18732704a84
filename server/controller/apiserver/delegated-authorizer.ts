import { accessReview, type NonResourceAttributes, type ReviewResourceAttributes } from '@/server/kube';
import type { Caller } from './caller';
import { TtlCache } from './ttl-cache';

/** A decision of the cluster's authorizer chain. */
export interface Decision {
  allowed: boolean;
  reason?: string;
}

/** Delegated authorization: asks the kube-apiserver, as Atrium, whether the caller may do something. */
export interface DelegatedAuthorizer {
  authorize(caller: Caller, attributes: { resource: ReviewResourceAttributes } | { nonResource: NonResourceAttributes }): Promise<Decision>;
}

// The TTLs of upstream's delegating authorizer (--authorization-webhook-cache-*-ttl): 10 s either way.
const ALLOWED_TTL_MS = 10_000;
const DENIED_TTL_MS = 10_000;

/**
 * SubjectAccessReviews with a short cache, like every aggregated API server:
 * a `kubectl get spaces` costs one review per caller and verb every 10 s, not
 * one per request. The caller is identified by name, uid, groups and extras,
 * so two people never share a decision.
 */
export function createDelegatedAuthorizer(maxEntries = 10_000): DelegatedAuthorizer {
  const cache = new TtlCache<Decision>(maxEntries);
  return {
    authorize(caller, attributes) {
      const key = JSON.stringify([caller.username, caller.uid ?? '', [...caller.groups].sort(), Object.entries(caller.extra).sort(), attributes]);
      return cache.getOrLoad(
        key,
        async () => {
          const s = await accessReview({ user: caller.username, groups: caller.groups, uid: caller.uid, extra: caller.extra }, attributes);
          return { allowed: s.allowed, reason: s.reason || s.evaluationError || undefined };
        },
        (d) => (d.allowed ? ALLOWED_TTL_MS : DENIED_TTL_MS),
      );
    },
  };
}
