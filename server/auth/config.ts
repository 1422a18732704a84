import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { env } from '../env';
import { KubeApiError, selfSubjectReview, type SelfUserInfo } from '../kube';
import { mapClaims } from './claims';
import { refreshIdToken } from './oidc-client';
import { shouldRefresh, type Person, type SessionState } from './person';
import { jwtClaims, tokenExpiry } from './token-expiry';
import { recordSignIn } from './sign-in-audit';

/** A pasted token the API server would not accept; `code` reaches the sign-in page's URL, never the token. */
export class TokenRejected extends CredentialsSignin {
  code = 'token_rejected';
}
class ClusterUnreachable extends CredentialsSignin {
  code = 'cluster_unreachable';
}

export const OIDC_PROVIDER_ID = 'oidc';
export const TOKEN_PROVIDER_ID = 'token';

/** Whether the console has an OIDC provider configured (the token form works without one). */
export const oidcConfigured = () => !!(env().OIDC_ISSUER && env().OIDC_CLIENT_ID && env().OIDC_CLIENT_SECRET);

const personFrom = (u: SelfUserInfo, via: Person['via'], extra: Partial<Person> = {}): Person => ({
  username: u.username,
  groups: u.groups.filter((g) => g !== 'system:authenticated'),
  ...(u.uid ? { uid: u.uid } : {}),
  via,
  ...extra,
});

/**
 * Who an OIDC sign-in is in Kubernetes. Pass-through: whatever the API server says of the ID token
 * (SelfSubjectReview), so the console shows exactly the user RBAC sees. Impersonation: the claim mapping, the
 * same computation the API server would make with those settings.
 */
async function oidcPerson(idToken: string): Promise<Person> {
  const e = env();
  const claims = jwtClaims(idToken) ?? {};
  const name = typeof claims.name === 'string' ? claims.name : undefined;
  if (e.ATRIUM_KUBE_AUTH_MODE === 'passthrough') {
    return personFrom(await selfSubjectReview({ bearerToken: idToken }), 'oidc', { issuer: e.OIDC_ISSUER, name });
  }
  const mapped = mapClaims(claims, { usernameClaim: e.OIDC_USERNAME_CLAIM, usernamePrefix: e.OIDC_USERNAME_PREFIX, groupsClaim: e.OIDC_GROUPS_CLAIM, groupsPrefix: e.OIDC_GROUPS_PREFIX });
  return { ...mapped, via: 'oidc', issuer: e.OIDC_ISSUER, name };
}

const expiryOf = (idToken: string): number => tokenExpiry(idToken, new Date(), 3600).getTime();

function authConfig(): NextAuthConfig {
  const e = env();
  const providers: NextAuthConfig['providers'] = [];
  if (oidcConfigured()) {
    providers.push({
      id: OIDC_PROVIDER_ID,
      name: e.OIDC_DISPLAY_NAME,
      type: 'oidc',
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: e.OIDC_SCOPES } },
      checks: ['pkce', 'state', 'nonce'],
    });
  }
  providers.push(Credentials({
    id: TOKEN_PROVIDER_ID,
    name: 'Bearer token',
    credentials: { token: { label: 'Token', type: 'password' } },
    async authorize(credentials, request) {
      const token = typeof credentials?.token === 'string' ? credentials.token.trim() : '';
      if (!token) throw new TokenRejected();
      const clientAddress = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
      try {
        const who = await selfSubjectReview({ bearerToken: token });
        return { id: who.username, name: who.username, person: personFrom(who, 'token'), bearerToken: token } as never;
      } catch (err) {
        const rejected = err instanceof KubeApiError && err.code === 401;
        await recordSignIn({ outcome: 'denied', via: 'token', message: rejected ? 'token not accepted by the API server' : 'API server unreachable', clientAddress });
        throw rejected ? new TokenRejected() : new ClusterUnreachable();
      }
    },
  }));

  return {
    providers,
    secret: e.AUTH_SECRET,
    trustHost: true,
    pages: { signIn: '/signin', error: '/signin' },
    session: { strategy: 'jwt', maxAge: 12 * 3600 },
    // Auth.js would log provider responses in debug mode; keep errors to their type so no token reaches the logs.
    logger: { error: (err) => console.error(`[auth] ${err.name}: ${err.message.split('\n')[0]}`), warn: () => {}, debug: () => {} },
    callbacks: {
      async signIn({ account }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        if (!account.id_token) return '/signin?error=NoIdToken';
        try {
          (account as { person?: Person }).person = await oidcPerson(account.id_token);
          return true;
        } catch (err) {
          const rejected = err instanceof KubeApiError && err.code === 401;
          await recordSignIn({ outcome: 'denied', via: 'oidc', message: rejected ? 'ID token not accepted by the API server' : String((err as Error).message).slice(0, 300) });
          return `/signin?error=${rejected ? 'ClusterRejectedIdToken' : 'ClusterUnreachable'}`;
        }
      },
      async jwt({ token, account, user }) {
        const s = token as typeof token & SessionState;
        if (account?.provider === OIDC_PROVIDER_ID && account.id_token) {
          s.person = (account as { person?: Person }).person;
          s.idToken = account.id_token;
          s.refreshToken = account.refresh_token;
          s.issuedAt = Date.now();
          s.expiresAt = expiryOf(account.id_token);
          delete s.error;
          await recordSignIn({ outcome: 'done', via: 'oidc', person: s.person });
          return s;
        }
        if (account?.provider === TOKEN_PROVIDER_ID && user) {
          const u = user as unknown as { person: Person; bearerToken: string };
          s.person = u.person;
          s.bearerToken = u.bearerToken;
          s.issuedAt = Date.now();
          s.expiresAt = tokenExpiry(u.bearerToken, new Date(), e.ATRIUM_TOKEN_SESSION_MAX_SECONDS).getTime();
          delete s.error;
          await recordSignIn({ outcome: 'done', via: 'token', person: s.person });
          return s;
        }
        if (s.error || !s.person) return s;
        if (s.person.via === 'token') {
          if (s.expiresAt && s.expiresAt <= Date.now()) s.error = 'Expired';
          return s;
        }
        if (shouldRefresh(s, Date.now())) {
          if (!s.refreshToken) {
            if (s.expiresAt && s.expiresAt <= Date.now()) s.error = 'Expired';
            return s;
          }
          try {
            const fresh = await refreshIdToken(s.refreshToken);
            s.idToken = fresh.idToken;
            if (fresh.refreshToken) s.refreshToken = fresh.refreshToken;
            s.issuedAt = Date.now();
            s.expiresAt = expiryOf(fresh.idToken);
          } catch (err) {
            console.warn(`[auth] ID token refresh for ${s.person.username} failed: ${(err as Error).message}`);
            // A failed refresh only ends the session once the current ID token has lapsed.
            if (s.expiresAt && s.expiresAt <= Date.now()) s.error = 'RefreshFailed';
          }
        }
        return s;
      },
      // What the browser may see (useSession, /api/auth/session): the person, never a credential.
      session({ session, token }) {
        const s = token as SessionState;
        return { expires: session.expires, user: { name: s.person?.name ?? s.person?.username ?? '' }, person: s.person, error: s.error } as never;
      },
    },
    events: {
      async signOut(message) {
        const s = ('token' in message ? message.token : undefined) as SessionState | undefined;
        if (s?.person) await recordSignIn({ outcome: 'done', via: s.person.via, person: s.person, action: 'auth.signout' });
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());
