import type { AuditContext } from './audit-context';
import { prepareEvent, type PreparedEvent } from './prepare-event';
import type { AuditEventInput } from './types';

const reason = (err: unknown) => (err instanceof Error ? err.message.split('\n').at(-1) : String(err));

/**
 * Into the database, or — if it fails — into the spool, from which the flusher writes it later. Rejects only if the
 * spool cannot be written either; then the event exists nowhere and the caller must know.
 */
export async function storeEvent(ctx: AuditContext, ev: PreparedEvent): Promise<'stored' | 'spooled'> {
  try {
    await ctx.writer.add(ev);
    return 'stored';
  } catch (err) {
    ctx.log(`audit: the database did not take event ${ev.requestId} (${reason(err)}); it waits in ${ctx.spool.dir}`);
    await ctx.spool.write('event', ev);
    return 'spooled';
  }
}

/** Records an event that is not itself a cluster change (sign-in, sign-out, a controller decision). */
export async function recordAuditEvent(ctx: AuditContext, e: AuditEventInput): Promise<void> {
  await storeEvent(ctx, prepareEvent(e));
}
