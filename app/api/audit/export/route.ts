import { auditEventsCsv, auditEventsJson, streamAuditEvents } from '@/server/audit';
import { callerOrUnauthorized } from '@/server/auth/session';
import { parseAuditQuery } from '@/server/queries/audit-query';
import { auditScope, scopedFilter } from '@/server/queries/audit-scope';

export const dynamic = 'force-dynamic';

// GET /api/audit/export?format=csv|json&<the audit page's filters> — every event of the filter the person may see,
// streamed a page at a time from the database to the download.
export async function GET(req: Request) {
  const caller = await callerOrUnauthorized();
  if (caller instanceof Response) return caller;
  const search = new URL(req.url).searchParams;
  const format = search.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'json') return Response.json({ error: 'format: choose csv or json' }, { status: 400 });
  const query = parseAuditQuery(search);
  if (query.errors.length) return Response.json({ error: query.errors.join('; ') }, { status: 400 });
  const filter = scopedFilter(query.filter, await auditScope(caller));
  const lines = (format === 'csv' ? auditEventsCsv : auditEventsJson)(streamAuditEvents(filter));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await lines.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return new Response(body, {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${stamp}.${format}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
