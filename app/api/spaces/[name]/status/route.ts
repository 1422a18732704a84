import { getSpaceProgress } from '@/server/queries/spaces';
import { SPACE_NAME, getAsPerson, noStore } from '../../../get-as-person';

export const dynamic = 'force-dynamic';

// GET /api/spaces/:name/status — what the create page polls while a space comes up, read as the person.
export const GET = getAsPerson(SPACE_NAME, async (caller, name) => Response.json(await getSpaceProgress(caller, name), { headers: noStore }));
