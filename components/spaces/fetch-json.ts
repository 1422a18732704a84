/** A failed poll, with the HTTP status so callers can tell "gone" (404) from trouble. */
export class FetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * GET a console route handler as JSON for react-query. A 401 means the session ended while the page was open:
 * the person is sent to sign in and brought back here.
 */
export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (res.status === 401) {
    const back = window.location.pathname + window.location.search;
    window.location.assign(new URL(`/signin?callbackUrl=${encodeURIComponent(back)}&reason=expired`, window.location.origin).href);
    throw new FetchError(401, 'Your session ended.');
  }
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new FetchError(res.status, body.error ?? `The console answered ${res.status}.`);
  return body;
}
