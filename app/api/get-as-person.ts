import { callerOrUnauthorized, type Caller } from '@/server/auth/session';

/** What the browser polls is the person's own view at that moment: never kept by a cache on the way. */
export const noStore = { 'Cache-Control': 'no-store' } as const;

export const SPACE_NAME = { pattern: /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, error: 'not a space name' };
export const ACCOUNT_NAME = { pattern: /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, error: 'not an account name' };

/**
 * A GET handler for /api/<kind>/:name that the console's pages poll: 401 (JSON, so the page can ask the person to
 * sign in again) without a session, 400 for a name the object cannot have, and otherwise `answer`, as the person.
 */
export function getAsPerson(name: { pattern: RegExp; error: string }, answer: (caller: Caller, name: string, req: Request) => Promise<Response>) {
  return async (req: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> => {
    const caller = await callerOrUnauthorized();
    if (caller instanceof Response) return caller;
    const { name: value } = await params;
    if (!name.pattern.test(value)) return Response.json({ error: name.error }, { status: 400 });
    return answer(caller, value, req);
  };
}
