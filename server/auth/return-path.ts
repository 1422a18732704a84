/**
 * Where to send a person after sign-in: a path of the console only. Anything else (another site, a
 * protocol-relative `//host`, a backslash trick) becomes the spaces page, so the sign-in link cannot be used to
 * bounce people to a look-alike site.
 */
export function safeReturnPath(value: unknown, fallback = '/spaces'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  try {
    const u = new URL(value, 'http://console.invalid');
    if (u.origin !== 'http://console.invalid' || u.pathname.startsWith('/signin') || u.pathname.startsWith('/api/auth')) return fallback;
    return u.pathname + u.search + u.hash;
  } catch {
    return fallback;
  }
}
