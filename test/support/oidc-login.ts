import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { httpsRequest, type HttpsResponse } from '../../scripts/lib/https-request';
import { consoleClientId, idpCaFile, idpIssuer, idpState } from '../../scripts/lib/idp';
import { consoleUrl } from '../../scripts/lib/paths';

export interface DevIdpTokens {
  idToken: string;
  refreshToken: string;
  accessToken: string;
  /** When the ID token expires (its `exp`), in epoch seconds. */
  expiresAt: number;
  /** The provider's cookies of this sign-in (its session), for signing out. */
  cookies: CookieJar;
}

/** The provider refused the sign-in; `page` is the text the person would read. */
export class DevIdpSignInError extends Error {
  constructor(message: string, readonly status: number, readonly page: string) {
    super(message);
  }
}

/** Just enough of a browser's cookie store for one host: name → value, expired ones dropped. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: HttpsResponse): void {
    const setCookie = res.headers['set-cookie'] ?? [];
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair, ...attrs] = line.split(';');
      const name = pair!.slice(0, pair!.indexOf('=')).trim();
      const value = pair!.slice(pair!.indexOf('=') + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v] = a.trim().split('=');
        return (k?.toLowerCase() === 'max-age' && Number(v) <= 0) || (k?.toLowerCase() === 'expires' && Date.parse(v ?? '') < Date.now());
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const redirectUri = `${consoleUrl}/api/auth/callback/oidc`;
const ca = () => readFileSync(idpCaFile, 'utf8');
const base64url = (b: Buffer) => b.toString('base64url');

async function send(jar: CookieJar, url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const res = await httpsRequest(url, {
    ca: ca(),
    method: init.method,
    body: init.body,
    headers: { cookie: jar.header(), ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...init.headers },
  });
  jar.store(res);
  return res;
}

/** Follows the provider's redirects; stops at a page, or at a redirect that leaves the provider (the console). */
async function follow(jar: CookieJar, res: HttpsResponse, from: string): Promise<{ res: HttpsResponse; url: string }> {
  let url = from;
  for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
    if (hops > 10) throw new Error(`more than 10 redirects from ${from}`);
    url = new URL(String(res.headers.location), url).href;
    if (!url.startsWith(`${idpIssuer}/`)) break;
    res = await send(jar, url);
  }
  return { res, url };
}

/** The text of an HTML page without its tags, as a person reads it. */
function pageText(html: string): string {
  return html.replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

function formOf(html: string, id?: string): { action: string; fields: URLSearchParams } {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = id ? forms.find((f) => f[1]!.includes(`id="${id}"`)) : forms[0];
  if (!form) throw new Error(`no form${id ? ` #${id}` : ''} on the page: ${pageText(html).slice(0, 300)}`);
  const action = /action="([^"]*)"/.exec(form[1]!)?.[1]?.replace(/&amp;/g, '&');
  const fields = new URLSearchParams();
  for (const input of form[2]!.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    if (name) fields.set(name, /value="([^"]*)"/.exec(input[0])?.[1] ?? '');
  }
  return { action: action ?? '', fields };
}

async function tokenRequest(params: Record<string, string>): Promise<Omit<DevIdpTokens, 'cookies' | 'refreshToken'> & { refreshToken?: string }> {
  const basic = Buffer.from(`${encodeURIComponent(consoleClientId)}:${encodeURIComponent(idpState().clientSecret)}`).toString('base64');
  const res = await httpsRequest(`${idpIssuer}/token`, {
    ca: ca(),
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  const body = JSON.parse(res.body);
  if (res.status !== 200) throw new Error(`token endpoint: ${res.status} ${body.error}: ${body.error_description}`);
  const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString());
  return { idToken: body.id_token, accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: claims.exp };
}

/**
 * Signs `username` in at the running development provider the way the console
 * does: authorization code + PKCE, the real password form, the code exchanged
 * with the client secret. The redirect to the console is not followed.
 * Throws DevIdpSignInError with the page's text when the provider refuses.
 */
export async function signInAtDevIdp(username: string, password: string = idpState().demoPassword): Promise<DevIdpTokens> {
  const jar = new CookieJar();
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const authorize = `${idpIssuer}/auth?${new URLSearchParams({
    client_id: consoleClientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile email groups offline_access',
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    state,
    nonce: base64url(randomBytes(16)),
  })}`;
  const login = await follow(jar, await send(jar, authorize), authorize);
  if (login.res.status !== 200) throw new DevIdpSignInError(`expected the sign-in page, got ${login.res.status}`, login.res.status, pageText(login.res.body));
  const form = formOf(login.res.body);
  const fields = new URLSearchParams({ ...Object.fromEntries(form.fields), username, password });
  const submitUrl = new URL(form.action, login.url).href;
  const done = await follow(jar, await send(jar, submitUrl, { method: 'POST', body: fields.toString() }), submitUrl);
  if (!done.url.startsWith(`${redirectUri}?`)) {
    const text = pageText(done.res.body);
    const alert = /role="alert"[^>]*>([^<]*)</.exec(done.res.body)?.[1];
    throw new DevIdpSignInError(alert ?? `sign-in did not return to the console: ${text.slice(0, 300)}`, done.res.status, text);
  }
  const callback = new URL(done.url).searchParams;
  if (callback.get('state') !== state) throw new Error(`the provider returned state ${callback.get('state')}, not ${state}`);
  if (callback.get('error')) throw new Error(`the provider returned ${callback.get('error')}: ${callback.get('error_description')}`);
  const tokens = await tokenRequest({ grant_type: 'authorization_code', code: callback.get('code')!, redirect_uri: redirectUri, code_verifier: verifier });
  if (!tokens.refreshToken) throw new Error('the provider issued no refresh token to the console');
  return { ...tokens, refreshToken: tokens.refreshToken, cookies: jar };
}

/** The refresh-token grant, as the console uses it before an ID token expires. */
export async function refreshAtDevIdp(refreshToken: string): Promise<Omit<DevIdpTokens, 'cookies'>> {
  const tokens = await tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
  return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
}

/**
 * RP-initiated logout as the console does it (id_token_hint and the registered
 * post-logout URL); returns where the provider finally sends the browser.
 */
export async function signOutAtDevIdp(tokens: Pick<DevIdpTokens, 'idToken' | 'cookies'>): Promise<string> {
  const jar = tokens.cookies;
  const url = `${idpIssuer}/session/end?${new URLSearchParams({ id_token_hint: tokens.idToken, post_logout_redirect_uri: `${consoleUrl}/signin` })}`;
  const page = await follow(jar, await send(jar, url), url);
  if (page.res.status !== 200) throw new Error(`expected the sign-out step, got ${page.res.status}: ${pageText(page.res.body).slice(0, 300)}`);
  // The page submits this form by itself in a browser.
  const form = formOf(page.res.body, 'op.logoutForm');
  const confirmUrl = new URL(form.action, page.url).href;
  const done = await follow(jar, await send(jar, confirmUrl, { method: 'POST', body: form.fields.toString() }), confirmUrl);
  if (done.res.status < 300 || done.res.status >= 400) throw new Error(`sign-out ended on a ${done.res.status} page: ${pageText(done.res.body).slice(0, 300)}`);
  return done.url;
}
