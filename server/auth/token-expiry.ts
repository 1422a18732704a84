/**
 * When a pasted bearer token stops working, as far as can be read from the token itself: a JWT's `exp`
 * (ServiceAccount and OIDC tokens), or an EKS token's signing time plus the 15 minutes aws-iam-authenticator
 * accepts it for. Opaque tokens get `fallbackSeconds`. The API server stays the judge: a 401 ends the session
 * whatever this says.
 */
export function tokenExpiry(token: string, now: Date, fallbackSeconds: number): Date {
  const fallback = new Date(now.getTime() + fallbackSeconds * 1000);
  const eks = eksSignedAt(token);
  if (eks) return new Date(Math.min(eks.getTime() + 15 * 60_000, fallback.getTime()));
  const exp = jwtClaims(token)?.exp;
  if (typeof exp === 'number' && Number.isFinite(exp)) return new Date(Math.min(exp * 1000, fallback.getTime()));
  return fallback;
}

/** The claims of a JWT without verifying it (the API server verifies); undefined if it is not a JWT. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? claims : undefined;
  } catch {
    return undefined;
  }
}

function eksSignedAt(token: string): Date | undefined {
  const prefix = 'k8s-aws-v1.';
  if (!token.startsWith(prefix)) return undefined;
  try {
    const url = new URL(Buffer.from(token.slice(prefix.length), 'base64url').toString('utf8'));
    const stamp = url.searchParams.get('X-Amz-Date'); // e.g. 20261130T021500Z
    const m = stamp?.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/);
    return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
  } catch {
    return undefined;
  }
}
