import type { AuditContext } from './audit-context';
import { withOutcome } from './prepare-event';

export const ORPHAN_MESSAGE = 'The process making this change stopped before its outcome was known; check the cluster for the result.';

/**
 * Writes what waits in the spool: outcomes first, then the intents of processes that stopped mid-change (older
 * than orphanAfterMs and not this process's), recorded as `unknown`. A file is removed only after its row is in the
 * database; one that is flushed twice (a crash between insert and removal) is skipped by its request id.
 */
export async function flushAuditSpool(ctx: AuditContext): Promise<{ written: number; pending: number }> {
  const entries = await ctx.spool.list();
  let written = 0;
  let pending = 0;
  const now = Date.now();
  const todo = [
    ...entries.filter((e) => e.kind === 'event').map((e) => ({ e, ev: e.event })),
    ...entries
      .filter((e) => e.kind === 'intent')
      .filter((e) => {
        const orphan = e.instance !== ctx.spool.instance && now - e.writtenAt >= ctx.options.orphanAfterMs;
        if (!orphan) pending++;
        return orphan;
      })
      .map((e) => ({ e, ev: withOutcome(e.event, 'unknown', ORPHAN_MESSAGE) })),
  ];
  await Promise.all(todo.map(async ({ e, ev }) => {
    try {
      await ctx.writer.add(ev);
      await ctx.spool.remove(e.file);
      written++;
    } catch {
      pending++;
    }
  }));
  return { written, pending };
}
