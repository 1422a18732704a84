import 'server-only';
import { env } from '../env';

interface Discovery {
  issuer: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

let discovery: Promise<Discovery> | undefined;

/** The provider's metadata, fetched once per process (a failed fetch is retried on the next call). */
export function oidcDiscovery(): Promise<Discovery> {
  const issuer = env().OIDC_ISSUER;
  if (!issuer) return Promise.reject(new Error('OIDC_ISSUER is not set'));
  discovery ??= fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) })
    .then(async (res) => {
      if (!res.ok) throw new Error(`The identity provider's discovery document answered ${res.status}`);
      return (await res.json()) as Discovery;
    })
    .catch((err) => {
      discovery = undefined;
      throw err;
    });
  return discovery;
}

export interface RefreshedTokens {
  idToken: string;
  refreshToken?: string;
}

/**
 * Trades the refresh token for a new ID token at the provider's token endpoint (client_secret_basic). The ID
 * token is what the API server verifies, so a response without one cannot keep a pass-through session going.
 */
export async function refreshIdToken(refreshToken: string): Promise<RefreshedTokens> {
  const { token_endpoint } = await oidcDiscovery();
  const e = env();
  const basic = Buffer.from(`${encodeURIComponent(e.OIDC_CLIENT_ID ?? '')}:${encodeURIComponent(e.OIDC_CLIENT_SECRET ?? '')}`).toString('base64');
  const res = await fetch(token_endpoint, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json().catch(() => ({}))) as { id_token?: string; refresh_token?: string; error?: string };
  if (!res.ok || !body.id_token) throw new Error(`refresh failed: ${body.error ?? `HTTP ${res.status}`}${res.ok ? ' (no id_token in the response)' : ''}`);
  return { idToken: body.id_token, refreshToken: body.refresh_token };
}

/** Where to send the browser so the provider ends its session too (RP-initiated logout), if it supports that. */
export async function endSessionUrl(idTokenHint: string | undefined, postLogoutRedirect: string): Promise<string | undefined> {
  const d = await oidcDiscovery().catch(() => undefined);
  if (!d?.end_session_endpoint) return undefined;
  const url = new URL(d.end_session_endpoint);
  if (idTokenHint) url.searchParams.set('id_token_hint', idTokenHint);
  url.searchParams.set('post_logout_redirect_uri', postLogoutRedirect);
  url.searchParams.set('client_id', env().OIDC_CLIENT_ID ?? '');
  return url.toString();
}
