import type { AuditContext } from './audit-context';
import { canonicalContentText, GENESIS_HASH } from './content-hash';
import { hash } from 'node:crypto';
import type { AuditChainAnchor, AuditChainReport, AuditVerificationRecord } from './types';

const BATCH = 10_000;

// Every column as PostgreSQL's text, in an array per row: no Date, Buffer or array parsing by the driver (it cost more
// than the hashing). `at` comes as epoch milliseconds, which new Date(ms).toISOString() turns into exactly the text
// the writer hashed; the groups as a JSON array; the hashes as bytea hex ("\x…").
// (ORDER BY audit_event.seq below: the output column seq is text, and would sort "10" before "2".)
const COLUMNS = `seq::text, request_id, (extract(epoch FROM at) * 1000)::bigint::text, source::text, actor_username,
  array_to_json(actor_groups)::text, actor_via::text, actor_issuer, action, target_kind, target_name, target_account, target_space,
  summary::text, outcome::text, message, client_address, content_hash, prev_hash, hash`;
type Row = [string, string, string, string, string, string, string, string | null, string, string | null, string | null,
  string | null, string | null, string | null, string, string | null, string | null, string, string, string];
const asText = { getTypeParser: () => (v: string) => v };


export interface VerifyOptions {
  /** false: do not record the result for the audit page's badge. */
  record?: boolean;
  onProgress?: (checked: number) => void;
  /**
   * A head an earlier run verified, kept outside the database. Someone who can write the database (its superuser)
   * can rewrite every row from a change to the end and the head so that the chain agrees again; they cannot make it
   * agree with this.
   */
  anchor?: AuditChainAnchor;
}

/**
 * Links what waits in the inbox (and reports how much did), then walks the chain from the first row to the head as it
 * was when the walk started: every seq present, every row's content matches its content hash, links to the row before
 * it, and its hash is sha256(seq ‖ prev ‖ content); the last row is the head. Reports the first row that fails, and
 * records the result for the audit page.
 */
export async function verifyAuditChain(ctx: AuditContext, opts: VerifyOptions = {}): Promise<AuditChainReport> {
  const started = Date.now();
  // Rows a writer committed but nobody linked yet (its process stopped right after, or the linker fails): linked now,
  // so they are verified with the rest; what still waits afterwards is reported.
  let linked = 0;
  let linkError: string | undefined;
  try {
    linked = await ctx.linker.linkNow();
  } catch (err) {
    linkError = err instanceof Error ? err.message : String(err);
  }
  const { rows: [waitingRow] } = await ctx.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_inbox');
  const unlinked = { linked, waiting: Number(waitingRow!.n), ...(linkError ? { linkError } : {}) };

  const head = await ctx.prisma.auditChainHead.findUnique({ where: { id: 1 } });
  if (!head) return finish(ctx, opts, started, unlinked, 0, 0n, { seq: '0', requestId: null, reason: 'the chain head row is missing' });
  const anchor = opts.anchor;
  if (anchor && anchor.seq > head.seq) {
    return finish(ctx, opts, started, unlinked, 0, head.seq, {
      seq: anchor.seq.toString(), requestId: null, reason: `the chain ends at ${head.seq}, before the anchor's row: rows were removed and the head rewritten` });
  }
  // The walk allocates nothing per row but its text: hashes are hex strings, and the link input is one buffer that
  // the position, the previous link and the content hash are written into.
  let prevHex = GENESIS_HASH.toString('hex');
  let expect = 1n;
  let checked = 0;
  const linkInput = Buffer.alloc(8 + 32 + 32);
  linkInput.write(prevHex, 8, 'hex');
  // Straight from the pool: a million rows through Prisma's raw-query decoding would cost three times as long. The
  // next batch is fetched while this one is hashed, so the database and this process work at the same time.
  const fetchFrom = (from: bigint) => ctx.pool.query<Row>({
    text: `SELECT ${COLUMNS} FROM audit_event WHERE seq >= $1 AND seq <= $2 ORDER BY audit_event.seq LIMIT ${BATCH}`,
    values: [from.toString(), head.seq.toString()], rowMode: 'array', types: asText });
  let next = head.seq >= 1n ? fetchFrom(1n) : undefined;
  try {
    while (next) {
      const { rows } = await next;
      if (rows.length === 0) break;
      const last = BigInt(rows.at(-1)![0]);
      next = last < head.seq ? fetchFrom(last + 1n) : undefined;
      for (const r of rows) {
        const seq = BigInt(r[0]);
        const broken = (reason: string) => finish(ctx, opts, started, unlinked, checked, head.seq, { seq: r[0], requestId: r[1], reason });
        if (seq !== expect) {
          return finish(ctx, opts, started, unlinked, checked, head.seq, {
            seq: expect.toString(), requestId: null, reason: `row ${expect} is missing (the next row is ${seq}): rows were deleted` });
        }
        const text = canonicalContentText({
          requestId: r[1], source: r[3], actorUsername: r[4], actorGroups: JSON.parse(r[5]) as string[], actorVia: r[6], actorIssuer: r[7],
          action: r[8], targetKind: r[9], targetName: r[10], targetAccount: r[11], targetSpace: r[12],
          summary: r[13] === null ? null : JSON.parse(r[13]), outcome: r[14], message: r[15], clientAddress: r[16],
        }, new Date(Number(r[2])).toISOString());
        const content = hash('sha256', text, 'hex');
        if (r[17] !== `\\x${content}`) return broken('its content was changed after it was written (the content hash does not match)');
        if (r[18] !== `\\x${prevHex}`) return broken('it does not link to the row before it (prev_hash differs): a row before it was changed or removed');
        linkInput.writeBigInt64BE(seq, 0);
        linkInput.write(content, 40, 'hex');
        const link = hash('sha256', linkInput, 'hex');
        if (r[19] !== `\\x${link}`) return broken('its link hash does not match its position, predecessor and content');
        if (anchor && seq === anchor.seq && link !== anchor.hash.toLowerCase()) {
          return broken('it does not match the anchor kept outside the database: this row or one before it was rewritten, with every link after it');
        }
        prevHex = link;
        linkInput.write(link, 8, 'hex');
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
    return finish(ctx, opts, started, unlinked, checked, head.seq, { seq: expect.toString(), requestId: null, reason: `rows ${expect} to ${head.seq} are missing: rows were deleted` });
  }
  if (prevHex !== Buffer.from(head.hash).toString('hex')) {
    return finish(ctx, opts, started, unlinked, checked, head.seq, { seq: head.seq.toString(), requestId: null, reason: 'the chain head does not match the last row' });
  }
  return finish(ctx, opts, started, unlinked, checked, head.seq, undefined, prevHex);
}

async function finish(ctx: AuditContext, opts: { record?: boolean }, started: number, unlinked: AuditChainReport['unlinked'], checked: number, headSeq: bigint,
  broken?: AuditChainReport['broken'], headHash?: string): Promise<AuditChainReport> {
  const report: AuditChainReport = {
    ok: !broken, checked, headSeq: headSeq.toString(), ...(headHash ? { headHash } : {}), unlinked, durationMs: Date.now() - started, ...(broken ? { broken } : {}),
  };
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
