import { getUsageHistory } from '@/server/queries/account-usage-history';
import { ACCOUNT_NAME, getAsPerson, noStore } from '../../../get-as-person';

export const dynamic = 'force-dynamic';

const RESOURCE = /^[A-Za-z0-9./_-]{1,253}$/;
const WEEK_MS = 7 * 86_400_000;

// GET /api/accounts/:name/history?quota=&resource=&since=<epoch ms> — recorded usage of one quota resource, as the person may see it.
export const GET = getAsPerson({ ...ACCOUNT_NAME, error: 'account and quota must be Kubernetes names' }, async (caller, name, req) => {
  const url = new URL(req.url);
  const quota = url.searchParams.get('quota') ?? '';
  const resource = url.searchParams.get('resource') ?? '';
  const since = Math.max(Number(url.searchParams.get('since')) || 0, Date.now() - WEEK_MS);
  if (!ACCOUNT_NAME.pattern.test(quota)) return Response.json({ error: 'account and quota must be Kubernetes names' }, { status: 400 });
  if (!RESOURCE.test(resource)) return Response.json({ error: 'resource must be a quota resource name such as requests.cpu' }, { status: 400 });
  const r = await getUsageHistory(caller, name, quota, resource, new Date(since));
  return r.ok ? Response.json(r.samples, { headers: noStore }) : Response.json({ error: r.message }, { status: r.status, headers: noStore });
});
