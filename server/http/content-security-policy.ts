import { env } from '../env';

/**
 * The console's Content-Security-Policy. Scripts only with this request's nonce (Next.js adds it to its own),
 * nothing may frame the console, and forms may post only to the console and the identity provider (sign-in and
 * sign-out redirect there). Styles allow inline attributes, which charts and React's style props use.
 */
export function contentSecurityPolicy(nonce: string): string {
  const e = env();
  const dev = e.NODE_ENV === 'development';
  const idp = e.OIDC_ISSUER ? new URL(e.OIDC_ISSUER).origin : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
    `form-action 'self'${idp ? ` ${idp}` : ''}`,
  ].join('; ');
}
