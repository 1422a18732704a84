import { getAccountUsage } from '@/server/queries/account-usage';
import { ACCOUNT_NAME, getAsPerson, noStore } from '../../../get-as-person';

export const dynamic = 'force-dynamic';

// GET /api/accounts/:name/usage — the account page's live numbers, read as the person; the cluster's 403/404 otherwise.
export const GET = getAsPerson(ACCOUNT_NAME, async (caller, name) => {
  const r = await getAccountUsage(caller, name);
  return r.ok ? Response.json(r.usage, { headers: noStore }) : Response.json({ error: r.message }, { status: r.status, headers: noStore });
});
