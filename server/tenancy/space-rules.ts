import { ACCOUNT_LABEL } from './kiosk-labels';
import type { FieldError, SpaceTemplate, StringMap } from './types';

/**
 * The message of the 403 returned when an account is at its space limit; identical to Kiosk's, which the API server
 * prints as `spaces.tenancy.kiosk.sh "<space>" is forbidden: space limit of <N> reached for account <account>`.
 */
export function spaceLimitMessage(space: string, limit: number, account: string): string {
  return `spaces.tenancy.kiosk.sh "${space}" is forbidden: space limit of ${limit} reached for account ${account}`;
}

/** Result of {@link checkSpaceLimit}. `remaining` is how many more spaces fit after this one (undefined: no limit). */
export type SpaceLimitCheck = { ok: true; remaining: number | undefined } | { ok: false; limit: number };

/**
 * Whether one more space fits under `Account.spec.space.limit`, given how many namespaces carry the account label now
 * (Terminating ones included, as in Kiosk). An absent (or null) limit is unlimited; a limit of 0 allows none.
 */
export function checkSpaceLimit(limit: number | null | undefined, currentCount: number): SpaceLimitCheck {
  if (limit === undefined || limit === null) return { ok: true, remaining: undefined };
  if (currentCount >= limit) return { ok: false, limit };
  return { ok: true, remaining: limit - currentCount - 1 };
}

/** Input of {@link resolveSpaceAccount}. */
export interface ResolveSpaceAccountInput {
  /** `spec.account` of the Space being created; empty or absent when not set. */
  requested?: string;
  /** Accounts the caller is a subject of ({@link accountsOf}). */
  memberOf: readonly string[];
  /** Whether the caller may create namespaces (SubjectAccessReview `create namespaces <name>`). */
  canCreateNamespaces: boolean;
  /** The caller, for the 403 text. */
  username?: string;
}

/** Result of {@link resolveSpaceAccount}: the owning account (`undefined`: an unowned namespace), or a denial. */
export type ResolveSpaceAccountResult =
  | { ok: true; account: string | undefined; inferred: boolean }
  | { ok: false; status: 400 | 403; reason: 'AccountRequired' | 'NotMember'; message: string; hint: string };

/**
 * Decides which account owns a new Space (kiosk-api.md, "create a Space" and "Space without spec.account"):
 * - `spec.account` set: the caller must be a subject of it or may create namespaces, else 403 with Kubernetes' text;
 * - not set, caller may create namespaces: an unowned namespace (Kiosk);
 * - not set, caller belongs to exactly one account: that account (Atrium's addition);
 * - otherwise 400 `spec.account is required`.
 */
export function resolveSpaceAccount(input: ResolveSpaceAccountInput): ResolveSpaceAccountResult {
  const { requested, memberOf, canCreateNamespaces } = input;
  if (requested) {
    if (memberOf.includes(requested) || canCreateNamespaces) return { ok: true, account: requested, inferred: false };
    return {
      ok: false,
      status: 403,
      reason: 'NotMember',
      message: `User "${input.username ?? ''}" cannot create resource "spaces" in API group "tenancy.kiosk.sh" at the cluster scope`,
      hint: memberOf.length > 0
        ? `you are not a subject of account ${requested}; use one of your accounts: ${memberOf.join(', ')}`
        : `you are not a subject of account ${requested}; ask a cluster admin to add you to its spec.subjects`,
    };
  }
  if (canCreateNamespaces) return { ok: true, account: undefined, inferred: false };
  const only = memberOf.length === 1 ? memberOf[0] : undefined;
  if (only !== undefined) return { ok: true, account: only, inferred: true };
  return {
    ok: false,
    status: 400,
    reason: 'AccountRequired',
    message: 'spec.account is required',
    hint: memberOf.length > 0
      ? `set spec.account to one of your accounts: ${memberOf.join(', ')}`
      : "you belong to no account; ask a cluster admin to add you to an Account's spec.subjects",
  };
}

/** Result of {@link spaceLabels}: the namespace's labels and annotations, or why the account's spaceTemplate is wrong. */
export type SpaceLabelsResult = { ok: true; labels: StringMap; annotations: StringMap } | { ok: false; error: FieldError };

/**
 * Labels and annotations of a new space's namespace: those the creator asked for, overridden by the account's
 * `spec.space.spaceTemplate.metadata` (as in Kiosk), and the label `kiosk.sh/account` forced to the owning account.
 * A spaceTemplate that sets `kiosk.sh/account` itself is rejected: it would move spaces into another account.
 */
export function spaceLabels(
  accountName: string,
  spaceTemplate: SpaceTemplate | undefined,
  requested: { labels?: StringMap; annotations?: StringMap } = {},
): SpaceLabelsResult {
  const forced = spaceTemplate?.metadata ?? {};
  if (forced.labels && Object.hasOwn(forced.labels, ACCOUNT_LABEL)) {
    return {
      ok: false,
      error: {
        field: 'spec.space.spaceTemplate.metadata.labels',
        message: `must not set "${ACCOUNT_LABEL}": Atrium sets it to the owning account (${accountName})`,
        hint: `remove "${ACCOUNT_LABEL}" from spec.space.spaceTemplate.metadata.labels of Account ${accountName}`,
      },
    };
  }
  return {
    ok: true,
    labels: { ...requested.labels, ...forced.labels, [ACCOUNT_LABEL]: accountName },
    annotations: { ...requested.annotations, ...forced.annotations },
  };
}
