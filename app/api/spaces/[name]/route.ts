import { callerOrUnauthorized } from '@/server/auth/session';
import { getSpaceDetail } from '@/server/queries/spaces';

export const dynamic = 'force-dynamic';

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

// GET /api/spaces/:name — the space page's live data, read as the person; 404 once it is gone (or hidden).
export async function GET(_req: Request, { params }: { params: Promise<{ name: string }> }) {
  const caller = await callerOrUnauthorized();
  if (caller instanceof Response) return caller;
  const { name } = await params;
  if (!NAME.test(name)) return Response.json({ error: 'not a space name' }, { status: 400 });
  const detail = await getSpaceDetail(caller, name);
  if (!detail) return Response.json({ error: `spaces.tenancy.kiosk.sh "${name}" not found` }, { status: 404, headers: { 'Cache-Control': 'no-store' } });
  return Response.json(detail, { headers: { 'Cache-Control': 'no-store' } });
}
