import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { findDevUser } from './dev-users';
import type { DevIdpState } from './dev-idp-state';
import { errorPage, logoutPage, signedOutPage, type Page } from './pages';

export interface DevProviderOptions {
  /** Exactly the `iss` of every token and the URL kube-apiserver and the console are given. */
  issuer: string;
  /**
   * Origins of the consoles that sign in here, e.g. http://localhost:3000 (localhost: next-auth builds redirect URLs
   * from it). The test stack runs a second console in impersonation mode beside the default one.
   */
  consoleUrls: string[];
  clientId: string;
  idTokenTtlSeconds: number;
  state: DevIdpState;
}

const consoleScopes = 'openid profile email groups offline_access';

function send(ctx: KoaContextWithOIDC, p: Page, status = 200) {
  ctx.status = status;
  ctx.set(p.headers);
  ctx.body = p.html;
}

/**
 * The development OpenID Connect provider: one confidential client (the
 * console), the demo users, ID tokens that carry the Kubernetes username
 * (`sub`) and `groups` so kube-apiserver accepts them as bearer tokens.
 */
export function createDevProvider(o: DevProviderOptions): Provider {
  const isConsole = (clientId: string | undefined) => clientId === o.clientId;
  const config: Configuration = {
    clients: [{
      client_id: o.clientId,
      client_secret: o.state.clientSecret,
      client_name: 'Atrium console',
      redirect_uris: o.consoleUrls.map((u) => `${u}/api/auth/callback/oidc`),
      // Exactly this URL: the console appends nothing to it.
      post_logout_redirect_uris: o.consoleUrls.map((u) => `${u}/signin`),
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: consoleScopes,
    }],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
      groups: ['groups'],
    },
    scopes: ['openid', 'offline_access'],
    // next-auth reads the profile from the ID token only; by default it would carry little more than sub.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    jwks: o.state.jwks as Configuration['jwks'],
    cookies: { keys: o.state.cookieKeys },
    features: {
      devInteractions: { enabled: false }, // it accepts any password; interaction-routes.ts checks it
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => send(ctx, logoutPage({ form, host: ctx.host, autoSubmit: isConsole(ctx.oidc.client?.clientId) })),
        postLogoutSuccessSource: async (ctx) => send(ctx, signedOutPage()),
      },
    },
    ttl: {
      AccessToken: o.idTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: o.idTokenTtlSeconds,
      Interaction: 60 * 60,
      Session: 14 * 24 * 60 * 60,
      Grant: 14 * 24 * 60 * 60,
      RefreshToken: 14 * 24 * 60 * 60,
    },
    async findAccount(_ctx, sub) {
      const user = findDevUser(sub);
      if (!user) return undefined;
      return {
        accountId: user.username,
        claims: async () => ({
          sub: user.username,
          preferred_username: user.username,
          name: user.name,
          email: user.email,
          email_verified: true,
          groups: user.groups,
        }),
      };
    },
    /**
     * The console is first-party: its grant is made without a consent page.
     * Other clients (there are none) would get the consent prompt.
     */
    async loadExistingGrant(ctx) {
      const client = ctx.oidc.client!;
      const session = ctx.oidc.session!;
      const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (!isConsole(client.clientId)) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(consoleScopes);
      await grant.save();
      return grant;
    },
    /**
     * oidc-provider drops offline_access unless the request says prompt=consent
     * (OIDC Core 11), which generic clients do not send. The first-party console
     * gets a refresh token anyway; it expires with the provider session, so
     * signing out here ends it.
     */
    async issueRefreshToken(_ctx, client, code) {
      return client.grantTypeAllowed('refresh_token') && (isConsole(client.clientId) || code.scopes.has('offline_access'));
    },
    clientBasedCORS: () => false,
    async renderError(ctx, out) {
      const detail = [out.error, out.error_description].filter(Boolean).join(': ');
      send(ctx, errorPage('Sign-in failed', detail || 'The request could not be completed.'), ctx.status >= 400 ? ctx.status : 400);
    },
  };
  return new Provider(o.issuer, config);
}
