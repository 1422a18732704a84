/** A signed-in person as Kubernetes knows them. Safe to show in the browser: it holds no credential. */
export interface Person {
  username: string;
  groups: string[];
  uid?: string;
  /** How they signed in: through the OIDC provider, or with a pasted bearer token. */
  via: 'oidc' | 'token';
  /** The OIDC issuer, for the audit trail. */
  issuer?: string;
  /** A display name from the provider, when it sent one. */
  name?: string;
}

/**
 * What the encrypted session cookie holds. Credentials live only here, server-side readable: the session
 * callback hands the browser the Person and nothing else (ADR 0005).
 */
export interface SessionState {
  person?: Person;
  /** OIDC sessions: the ID token the API server verifies, and the refresh token that renews it. */
  idToken?: string;
  refreshToken?: string;
  /** Token sessions: the pasted bearer token. */
  bearerToken?: string;
  /** Epoch milliseconds: when the credential was issued and when it stops working. */
  issuedAt?: number;
  expiresAt?: number;
  /** Set when the credential can no longer be renewed: the person must sign in again. */
  error?: 'RefreshFailed' | 'Expired';
}

/**
 * When to renew an OIDC session's ID token: in its last fifth, but at most five minutes and at least fifteen
 * seconds before expiry, so short-lived tokens are renewed too and a request never carries one about to lapse.
 */
export function shouldRefresh(s: Pick<SessionState, 'issuedAt' | 'expiresAt'>, now: number): boolean {
  if (!s.expiresAt) return false;
  const lifetime = s.expiresAt - (s.issuedAt ?? s.expiresAt - 3_600_000);
  const margin = Math.max(15_000, Math.min(300_000, lifetime / 5));
  return s.expiresAt - now < margin;
}
