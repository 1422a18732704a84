/** How an OIDC identity maps to a Kubernetes user: the four knobs of an EKS OIDC identity provider association. */
export interface ClaimMapping {
  usernameClaim: string;
  usernamePrefix: string;
  groupsClaim: string;
  groupsPrefix: string;
}

export interface MappedIdentity {
  username: string;
  groups: string[];
}

/**
 * The Kubernetes username and groups of an ID token's claims, computed the way the API server's OIDC
 * authenticator does, so the console and kubectl agree on who a person is. Fails with the claim's name when the
 * username claim is missing, because signing in as an unnamed person would act as nobody.
 */
export function mapClaims(claims: Record<string, unknown>, m: ClaimMapping): MappedIdentity {
  const raw = claims[m.usernameClaim];
  if (typeof raw !== 'string' || raw === '') {
    throw new Error(`The ID token has no "${m.usernameClaim}" claim to use as the Kubernetes username. Set OIDC_USERNAME_CLAIM to a claim your provider sends (e.g. sub, email, preferred_username).`);
  }
  const groupsRaw = claims[m.groupsClaim];
  // Providers send a list, a single string, or nothing (a person in no group).
  const groups = Array.isArray(groupsRaw) ? groupsRaw.filter((g): g is string => typeof g === 'string') : typeof groupsRaw === 'string' ? [groupsRaw] : [];
  return { username: m.usernamePrefix + raw, groups: groups.map((g) => m.groupsPrefix + g) };
}
