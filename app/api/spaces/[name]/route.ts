import { getSpaceDetail } from '@/server/queries/spaces';
import { SPACE_NAME, getAsPerson, noStore } from '../../get-as-person';

export const dynamic = 'force-dynamic';

// GET /api/spaces/:name — the space page's live data, read as the person; 404 once it is gone (or hidden).
export const GET = getAsPerson(SPACE_NAME, async (caller, name) => {
  const detail = await getSpaceDetail(caller, name);
  if (!detail) return Response.json({ error: `spaces.tenancy.kiosk.sh "${name}" not found` }, { status: 404, headers: noStore });
  return Response.json(detail, { headers: noStore });
});
