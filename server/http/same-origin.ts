/**
 * Whether a state-changing request comes from the console's own pages. Browsers send Origin on every
 * cross-origin request and on same-origin POSTs; a missing Origin (curl, old clients) falls back to Referer, and
 * a request with neither is refused: a write the browser would not label is not one of ours.
 */
export function sameOrigin(headers: Headers, origin: string): boolean {
  const claimed = headers.get('origin') ?? refererOrigin(headers.get('referer'));
  return claimed === origin;
}

function refererOrigin(referer: string | null): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
