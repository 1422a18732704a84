import { callerOrUnauthorized } from '@/server/auth/session';
import { getSpaceProgress } from '@/server/queries/spaces';

export const dynamic = 'force-dynamic';

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

// GET /api/spaces/:name/status — what the create page polls while a space comes up, read as the person.
export async function GET(_req: Request, { params }: { params: Promise<{ name: string }> }) {
  const caller = await callerOrUnauthorized();
  if (caller instanceof Response) return caller;
  const { name } = await params;
  if (!NAME.test(name)) return Response.json({ error: 'not a space name' }, { status: 400 });
  return Response.json(await getSpaceProgress(caller, name), { headers: { 'Cache-Control': 'no-store' } });
}
