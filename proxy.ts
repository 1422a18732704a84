import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import type { NextAuthRequest } from 'next-auth';
import { auth } from '@/server/auth/config';
import { contentSecurityPolicy } from '@/server/http/content-security-policy';
import { sameOrigin } from '@/server/http/same-origin';

/** Pages anyone may open; everything else sends an anonymous visitor to sign in. */
const PUBLIC = [/^\/signin(\/|$)/, /^\/api\/auth\//, /^\/api\/(healthz|metrics)$/];

/**
 * Runs before every page, server action and route handler:
 * - refuses cross-origin writes (server actions and route handlers alike);
 * - renews the session's ID token near its expiry (auth() runs the jwt callback and sets the new cookie);
 * - sends anonymous visitors to /signin and back afterwards (a convenience: every page checks the session itself);
 * - sets a per-request CSP nonce, which Next.js puts on its own scripts.
 */
async function handle(req: NextAuthRequest): Promise<Response> {
  const { pathname, search } = req.nextUrl;
  if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && !sameOrigin(req.headers, req.nextUrl.origin)) {
    return new NextResponse('Cross-origin request refused: this action must come from the console\'s own pages.', { status: 403 });
  }
  const isPublic = PUBLIC.some((p) => p.test(pathname));
  if (!isPublic && !req.auth?.person && req.method === 'GET' && !pathname.startsWith('/api/')) {
    const signin = new URL('/signin', req.nextUrl.origin);
    signin.searchParams.set('callbackUrl', pathname + search);
    return NextResponse.redirect(signin);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-atrium-path', pathname + search);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('content-security-policy', csp);
  return res;
}

// With a lazily built config (read from the environment at run time, not at build time), auth(handler) resolves to
// the wrapped handler instead of returning it.
const withSession = auth(handle) as unknown as Promise<(req: NextRequest, ev: NextFetchEvent) => Promise<Response>>;

export async function proxy(req: NextRequest, ev: NextFetchEvent): Promise<Response> {
  return (await withSession)(req, ev);
}

export const config = {
  // Static assets carry no session and need no nonce.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
