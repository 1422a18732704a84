import { Prisma } from '@/prisma/generated/client';
import type { AuditContext } from './audit-context';
import { AUDIT_EVENT_COLUMNS, toAuditEvent, type AuditEventRow } from './audit-event-row';
import type { AuditEvent, AuditFilter, AuditPage } from './types';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** An opaque position in the (at, seq) descending order; the same on every page whatever is inserted meanwhile. */
export function encodeCursor(e: Pick<AuditEvent, 'at' | 'seq'>): string {
  return Buffer.from(JSON.stringify([e.at.getTime(), e.seq])).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; seq: bigint } {
  try {
    const [ms, seq] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof ms !== 'number' || typeof seq !== 'string' || !/^\d{1,19}$/.test(seq)) throw new Error('shape');
    return { at: new Date(ms), seq: BigInt(seq) };
  } catch {
    throw new TypeError('cursor: not a cursor from a previous page of the audit list; start again from the first page');
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const SEARCH_TEXT = Prisma.sql`audit_search_text(actor_username, action, target_kind, target_name, target_account, target_space, message)`;
/** Most rows a search looks through, newest first, before it asks the trigram index (see listAuditEvents). */
const SEARCH_WINDOW = 20_000;

/** SQL conditions for a filter other than its text; each one is served by an index (ADR 0005). */
export function filterConditions(f: AuditFilter): Prisma.Sql[] {
  const c: Prisma.Sql[] = [];
  if (f.actor) c.push(Prisma.sql`actor_username = ${f.actor}`);
  if (f.account) c.push(Prisma.sql`target_account = ${f.account}`);
  if (f.space) c.push(Prisma.sql`target_space = ${f.space}`);
  if (f.action) c.push(Prisma.sql`action = ${f.action}`);
  if (f.outcome) c.push(Prisma.sql`outcome = ${f.outcome}::audit_outcome`);
  if (f.source) c.push(Prisma.sql`source = ${f.source}::audit_source`);
  if (f.from) c.push(Prisma.sql`at >= ${f.from}`);
  if (f.to) c.push(Prisma.sql`at < ${f.to}`);
  if (f.visibleTo) {
    const { accounts, username } = f.visibleTo;
    c.push(username
      ? Prisma.sql`(target_account = ANY(${accounts}::text[]) OR actor_username = ${username})`
      : Prisma.sql`target_account = ANY(${accounts}::text[])`);
  }
  return c;
}

/** The text condition: the same expression as the trigram index, lower() in SQL on both sides so case folds alike. */
const GLUED_SEARCH_TEXT = Prisma.sql`audit_search_glued(${SEARCH_TEXT})`;
// What the migration's audit_search_glued turns into its one letter.
const SEPARATORS = ' -_.@/:';

/**
 * The pieces of a search around each separator, as audit_search_glued spells them ("team-42-space-4" → "amq42",
 * "42qsp", "ceq4"): pg_trgm splits words at separators, so only these pieces have trigrams that are rare. Each is a
 * substring of the glued search text, so every row that contains the text contains them: they narrow, never
 * exclude. ASCII only, where lower() is the same in JavaScript and PostgreSQL; other texts use the word trigrams.
 */
export function separatorFragments(text: string): string[] {
  if (!/^[\x20-\x7e]*$/.test(text)) return [];
  const glued = [...text.toLowerCase()].map((c) => (SEPARATORS.includes(c) ? 'q' : c)).join('');
  const pieces = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    if (!SEPARATORS.includes(text[i]!)) continue;
    const piece = glued.slice(Math.max(0, i - 2), i + 3);
    if (piece.length >= 3) pieces.add(piece);
  }
  return [...pieces].slice(0, 6);
}

function textCondition(text: string): Prisma.Sql {
  const exact = Prisma.sql`${SEARCH_TEXT} LIKE lower(${`%${escapeLike(text)}%`})`;
  const pieces = separatorFragments(text).map((f) => Prisma.sql`${GLUED_SEARCH_TEXT} LIKE ${`%${escapeLike(f)}%`}`);
  return Prisma.join([...pieces, exact], ' AND ');
}

const whereOf = (conditions: Prisma.Sql[]) => (conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty);

/** Longest a read waits for the linker before it shows what is linked already. */
const LINK_WAIT_MS = 1000;

/**
 * Puts what writers committed into the chain before a read, so a page shows every event committed before it was
 * asked for (the linker is otherwise a moment behind). Costs one round trip when nothing waits. A linker that fails
 * or is slow does not fail or hold up the read: it is logged, and the events wait in the inbox.
 */
async function linkFirst(ctx: AuditContext): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    ctx.linker.linkNow().catch((err: unknown) => ctx.log(`audit: linking the chain failed (events wait in audit_inbox): ${err instanceof Error ? err.message : err}`)),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, LINK_WAIT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** One page of events, newest first, after `cursor`. Keyset paging: page 1,000 costs what page 1 does. */
export async function listAuditEvents(ctx: AuditContext, filter: AuditFilter = {}, cursor?: string | null, limit = DEFAULT_PAGE_SIZE): Promise<AuditPage> {
  await linkFirst(ctx);
  return listLinked(ctx, filter, cursor, limit);
}

async function listLinked(ctx: AuditContext, filter: AuditFilter, cursor: string | null | undefined, limit: number): Promise<AuditPage> {
  const size = Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE_SIZE);
  const conditions = filterConditions(filter);
  if (cursor) {
    const { at, seq } = decodeCursor(cursor);
    conditions.push(Prisma.sql`(at, seq) < (${at}, ${seq})`);
  }
  const cols = Prisma.raw(AUDIT_EVENT_COLUMNS);
  const text = filter.text?.trim();
  let rows: AuditEventRow[] | undefined;
  if (text) {
    // Most searches match often enough that the newest few thousand rows hold a page: look there first, in index
    // order. Only a search that does not fill its page there asks the trigram index, whose cost grows with how
    // common the search's letter triples are rather than with how many rows match.
    const recent = await ctx.prisma.$queryRaw<AuditEventRow[]>`
      SELECT * FROM (SELECT ${cols}, ${SEARCH_TEXT} AS search_text FROM audit_event ${whereOf(conditions)}
        ORDER BY at DESC, seq DESC LIMIT ${SEARCH_WINDOW}) recent
      WHERE search_text LIKE lower(${`%${escapeLike(text)}%`}) ORDER BY at DESC, seq DESC LIMIT ${size + 1}`;
    if (recent.length > size) rows = recent;
    conditions.push(textCondition(text));
  }
  rows ??= await ctx.prisma.$queryRaw<AuditEventRow[]>`
    SELECT ${cols} FROM audit_event ${whereOf(conditions)} ORDER BY at DESC, seq DESC LIMIT ${size + 1}`;
  const events = rows.slice(0, size).map(toAuditEvent);
  return { events, nextCursor: rows.length > size ? encodeCursor(events.at(-1)!) : null };
}

/** Every event matching the filter, newest first, fetched a page at a time (for export: never all in memory). */
export async function* streamAuditEvents(ctx: AuditContext, filter: AuditFilter = {}, pageSize = MAX_PAGE_SIZE): AsyncGenerator<AuditEvent> {
  let cursor: string | null = null;
  await linkFirst(ctx);
  do {
    const page: AuditPage = await listLinked(ctx, filter, cursor, pageSize);
    yield* page.events;
    cursor = page.nextCursor;
  } while (cursor);
}
