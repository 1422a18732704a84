import { callerOrUnauthorized } from '@/server/auth/session';
import { getAccountUsage } from '@/server/queries/account-usage';

export const dynamic = 'force-dynamic';

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

// GET /api/accounts/:name/usage — the account page's live numbers, read as the person; the cluster's 403/404 otherwise.
export async function GET(_req: Request, { params }: { params: Promise<{ name: string }> }) {
  const caller = await callerOrUnauthorized();
  if (caller instanceof Response) return caller;
  const { name } = await params;
  if (!NAME.test(name)) return Response.json({ error: 'not an account name' }, { status: 400 });
  const r = await getAccountUsage(caller, name);
  const headers = { 'Cache-Control': 'no-store' };
  return r.ok ? Response.json(r.usage, { headers }) : Response.json({ error: r.message }, { status: r.status, headers });
}
