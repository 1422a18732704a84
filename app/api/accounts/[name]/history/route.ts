import { callerOrUnauthorized } from '@/server/auth/session';
import { getUsageHistory } from '@/server/queries/account-usage-history';

export const dynamic = 'force-dynamic';

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const RESOURCE = /^[A-Za-z0-9./_-]{1,253}$/;
const WEEK_MS = 7 * 86_400_000;

// GET /api/accounts/:name/history?quota=&resource=&since=<epoch ms> — recorded usage of one quota resource, as the person may see it.
export async function GET(req: Request, { params }: { params: Promise<{ name: string }> }) {
  const caller = await callerOrUnauthorized();
  if (caller instanceof Response) return caller;
  const { name } = await params;
  const url = new URL(req.url);
  const quota = url.searchParams.get('quota') ?? '';
  const resource = url.searchParams.get('resource') ?? '';
  const since = Math.max(Number(url.searchParams.get('since')) || 0, Date.now() - WEEK_MS);
  if (!NAME.test(name) || !NAME.test(quota)) return Response.json({ error: 'account and quota must be Kubernetes names' }, { status: 400 });
  if (!RESOURCE.test(resource)) return Response.json({ error: 'resource must be a quota resource name such as requests.cpu' }, { status: 400 });
  const r = await getUsageHistory(caller, name, quota, resource, new Date(since));
  const headers = { 'Cache-Control': 'no-store' };
  return r.ok ? Response.json(r.samples, { headers }) : Response.json({ error: r.message }, { status: r.status, headers });
}
