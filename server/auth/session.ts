import 'server-only';
import { getToken } from 'next-auth/jwt';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '../env';
import type { ActAs } from '../kube';
import type { Person, SessionState } from './person';

/** A signed-in person and what their Kubernetes calls act as. */
export interface Caller {
  person: Person;
  as: ActAs;
}

/** How long before its expiry a credential is no longer handed out: a request must not outlive it. */
const MIN_VALIDITY_MS = 10_000;

/** The session cookie's content, decrypted. Server-side only: this holds the person's credentials. */
async function sessionState(): Promise<SessionState | undefined> {
  const e = env();
  if (!e.AUTH_SECRET) return undefined;
  const secureCookie = (e.AUTH_URL ?? '').startsWith('https://');
  const token = await getToken({ req: { headers: await headers() }, secret: e.AUTH_SECRET, secureCookie });
  return (token ?? undefined) as SessionState | undefined;
}

/**
 * What a person's Kubernetes calls act as. Their own token by default, which the API server verifies itself;
 * impersonation from the console's ServiceAccount only when configured and only for OIDC sign-ins (a pasted
 * token is always the person's own credential).
 */
function actAs(s: SessionState, person: Person): ActAs | undefined {
  if (person.via === 'token') return s.bearerToken ? { bearerToken: s.bearerToken } : undefined;
  if (env().ATRIUM_KUBE_AUTH_MODE === 'impersonation') return { user: person.username, groups: person.groups, uid: person.uid };
  return s.idToken ? { bearerToken: s.idToken } : undefined;
}

/** The signed-in caller, or why there is none ('expired' when a session existed but its credential lapsed). */
export async function currentCaller(): Promise<{ caller: Caller } | { caller?: undefined; reason: 'none' | 'expired' }> {
  const s = await sessionState();
  if (!s?.person) return { reason: 'none' };
  if (s.error || (s.expiresAt && s.expiresAt - Date.now() < MIN_VALIDITY_MS)) return { reason: 'expired' };
  const as = actAs(s, s.person);
  return as ? { caller: { person: s.person, as } } : { reason: 'expired' };
}

/**
 * The signed-in caller; anyone else is sent to sign in and brought back to `returnTo` afterwards. Every page,
 * query, server action and route handler calls this: the proxy's redirect is a convenience, not the check.
 */
export async function requireCaller(returnTo?: string): Promise<Caller> {
  const r = await currentCaller();
  if (r.caller) return r.caller;
  const back = returnTo ?? (await headers()).get('x-atrium-path') ?? '/spaces';
  redirect(`/signin?callbackUrl=${encodeURIComponent(back)}${r.reason === 'expired' ? '&reason=expired' : ''}`);
}

/** The signed-in person as the browser may see them, or undefined. */
export async function currentPerson(): Promise<Person | undefined> {
  return (await currentCaller()).caller?.person;
}

/**
 * For route handlers the browser polls: the caller, or a 401 JSON answer the client turns into a sign-in prompt
 * (a redirect would hand a fetch an HTML page).
 */
export async function callerOrUnauthorized(): Promise<Caller | Response> {
  const r = await currentCaller();
  if (r.caller) return r.caller;
  return Response.json({ error: r.reason === 'expired' ? 'Your session expired. Sign in again.' : 'Sign in first.' }, { status: 401 });
}

/** The OIDC ID token (for the provider's logout) and how the person signed in; only for sign-out. */
export async function sessionCredentials(): Promise<{ idToken?: string; via?: Person['via'] }> {
  const s = await sessionState();
  return { idToken: s?.idToken, via: s?.person?.via };
}
