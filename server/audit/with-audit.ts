import type { AuditContext } from './audit-context';
import { AuditUnavailableError } from './errors';
import { prepareEvent, withOutcome, type PreparedEvent } from './prepare-event';
import { storeEvent } from './record-audit-event';
import type { AuditEventInput, AuditOutcome } from './types';

export type OutcomeOf<T> = (result: T) => { outcome: AuditOutcome; message?: string };

/**
 * How a failed change is recorded: refused by the cluster (401, 403, an admission webhook's denial) is `denied` with
 * the cluster's message; anything else `failed`.
 */
export function outcomeOfError(err: unknown): { outcome: AuditOutcome; message: string } {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 401 || code === 403) return { outcome: 'denied', message };
  if (typeof code === 'number' && code >= 400 && code < 500 && /admission webhook .*denied/i.test(message)) return { outcome: 'denied', message };
  return { outcome: 'failed', message };
}

/**
 * Makes a change only if it can be audited, then records its outcome (ADR 0005):
 * 1. the database must answer, else AuditUnavailableError and nothing is changed;
 * 2. an intent is journalled to the spool (fsync'd), so even a crash during the change leaves a trace;
 * 3. the change runs; its result or error decides the outcome;
 * 4. the outcome goes to the database, or to the spool if the database failed meanwhile; then the intent is removed.
 * The change's error is rethrown after it was recorded.
 */
export async function withAudit<T>(
  ctx: AuditContext,
  e: Omit<AuditEventInput, 'outcome' | 'message'>,
  run: () => Promise<T>,
  outcomeOf?: OutcomeOf<T>,
): Promise<T> {
  const intent = prepareEvent({ ...e, outcome: 'unknown' });
  try {
    await ctx.reachable();
  } catch (err) {
    throw new AuditUnavailableError(undefined, { cause: err });
  }
  let intentFile: string;
  try {
    intentFile = await ctx.spool.write('intent', intent);
  } catch (err) {
    ctx.log(`audit: cannot write the journal in ${ctx.spool.dir}: ${err instanceof Error ? err.message : err}`);
    throw new AuditUnavailableError('The audit journal cannot be written, so nothing was changed. Tell your cluster admin (the console\'s audit spool directory is not writable).', { cause: err });
  }

  let result: T | undefined;
  let failure: { error: unknown } | undefined;
  let final: PreparedEvent;
  try {
    result = await run();
    const o = outcomeOf ? outcomeOf(result) : { outcome: 'done' as const };
    final = withOutcome(intent, o.outcome, o.message);
  } catch (err) {
    failure = { error: err };
    const o = outcomeOfError(err);
    final = withOutcome(intent, o.outcome, o.message);
  }

  try {
    await storeEvent(ctx, final);
    await ctx.spool.remove(intentFile);
  } catch (err) {
    // Neither the database nor the spool took the outcome: the intent stays, and is recorded as `unknown`.
    ctx.log(`audit: the outcome of ${final.requestId} could not be stored (${err instanceof Error ? err.message : err}); its intent in ${intentFile} will be recorded instead`);
  }
  if (failure) throw failure.error;
  return result as T;
}
