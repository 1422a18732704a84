import type { AuditContext } from './audit-context';
import { AUDIT_EVENT_COLUMNS, chainContentOf, type AuditEventRow } from './audit-event-row';
import { contentHash, GENESIS_HASH, linkHash } from './content-hash';
import type { AuditChainReport, AuditVerificationRecord } from './types';

const BATCH = 5000;

/**
 * Walks the chain from the first row to the head as it was when verification started: every seq present, every
 * row's content matches its content hash, links to the row before it, and its hash is sha256(seq ‖ prev ‖ content);
 * the last row is the head. Reports the first row that fails, and records the result for the audit page.
 */
export async function verifyAuditChain(ctx: AuditContext, opts: { record?: boolean; onProgress?: (checked: number) => void } = {}): Promise<AuditChainReport> {
  const started = Date.now();
  const head = await ctx.prisma.auditChainHead.findUnique({ where: { id: 1 } });
  if (!head) return finish(ctx, opts, started, 0, 0n, { seq: '0', requestId: null, reason: 'the chain head row is missing' });
  let prev: Buffer = GENESIS_HASH;
  let expect = 1n;
  let checked = 0;
  type Raw = Omit<AuditEventRow, 'seq'> & { seq: string };
  // Straight from the pool: a million rows through Prisma's raw-query decoding would cost three times as long. The
  // next batch is fetched while this one is hashed, so the database and this process work at the same time.
  const fetchFrom = (from: bigint) => ctx.pool.query<Raw>(
    `SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_event WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT ${BATCH}`, [from.toString(), head.seq.toString()]);
  let next = head.seq >= 1n ? fetchFrom(1n) : undefined;
  try {
    while (next) {
      const { rows } = await next;
      if (rows.length === 0) break;
      const last = BigInt(rows.at(-1)!.seq);
      next = last < head.seq ? fetchFrom(last + 1n) : undefined;
      for (const r of rows) {
        const seq = BigInt(r.seq);
        const broken = (reason: string) => finish(ctx, opts, started, checked, head.seq, { seq: r.seq, requestId: r.request_id, reason });
        if (seq !== expect) {
          return finish(ctx, opts, started, checked, head.seq, {
            seq: expect.toString(), requestId: null, reason: `row ${expect} is missing (the next row is ${seq}): rows were deleted` });
        }
        const content = contentHash(chainContentOf(r));
        if (!content.equals(r.content_hash)) return broken('its content was changed after it was written (the content hash does not match)');
        if (!prev.equals(r.prev_hash)) return broken('it does not link to the row before it (prev_hash differs): a row before it was changed or removed');
        const link = linkHash(seq, prev, content);
        if (!link.equals(r.hash)) return broken('its link hash does not match its position, predecessor and content');
        prev = link;
        expect++;
        checked++;
      }
      opts.onProgress?.(checked);
    }
  } finally {
    // A fetch still in flight when a broken row ends the walk: nobody waits for it.
    next?.catch(() => undefined);
  }
  if (expect <= head.seq) {
    return finish(ctx, opts, started, checked, head.seq, { seq: expect.toString(), requestId: null, reason: `rows ${expect} to ${head.seq} are missing: rows were deleted` });
  }
  if (!prev.equals(head.hash)) {
    return finish(ctx, opts, started, checked, head.seq, { seq: head.seq.toString(), requestId: null, reason: 'the chain head does not match the last row' });
  }
  return finish(ctx, opts, started, checked, head.seq);
}

async function finish(ctx: AuditContext, opts: { record?: boolean }, started: number, checked: number, headSeq: bigint, broken?: AuditChainReport['broken']): Promise<AuditChainReport> {
  const report: AuditChainReport = { ok: !broken, checked, headSeq: headSeq.toString(), durationMs: Date.now() - started, ...(broken ? { broken } : {}) };
  if (opts.record !== false) {
    await ctx.prisma.auditVerification.create({
      data: {
        ok: report.ok, checked: BigInt(checked), headSeq, durationMs: report.durationMs,
        brokenSeq: broken ? BigInt(broken.seq) : null,
        message: broken ? `row ${broken.seq}${broken.requestId ? ` (request ${broken.requestId})` : ''}: ${broken.reason}` : null,
      },
    });
  }
  return report;
}

/** The latest verification, for the audit page's badge; null if the chain was never verified. */
export async function lastAuditVerification(ctx: AuditContext): Promise<AuditVerificationRecord | null> {
  const v = await ctx.prisma.auditVerification.findFirst({ orderBy: { at: 'desc' } });
  if (!v) return null;
  return {
    at: v.at, ok: v.ok, checked: Number(v.checked), headSeq: v.headSeq.toString(),
    brokenSeq: v.brokenSeq?.toString() ?? null, message: v.message, durationMs: v.durationMs,
  };
}
