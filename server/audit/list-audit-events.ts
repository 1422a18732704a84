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
/** Rows a search first looks through, newest first, before it asks the trigram index (see listLinked). */
const SEARCH_WINDOW = 5_000;
/** Pages of matches the first time slice asked of the index is sized to hold, by the density the first look found. */
const SLICE_PAGES = 4;
/** How much longer each further slice is, and how many are tried before the index is asked without one. */
const SLICE_GROWTH = 8;
const SLICES = 2;

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

const GLUED_SEARCH_TEXT = Prisma.sql`audit_search_glued(${SEARCH_TEXT})`;
/** The letter the latest migration's audit_search_glued spells each separator with (separators of a kind share one). */
export const SEPARATOR_LETTERS: Readonly<Record<string, string>> = { ' ': 'q', '-': 'z', '_': 'z', '.': 'x', '/': 'x', ':': 'x', '@': 'j' };

/**
 * What an audit search asks the glued trigram index for: the search as audit_search_glued spells it, keeping only
 * the three letters across each separator and '%' for the rest ("team-42-space-4" → "%mz42zs%ez4%"; "user-7@" →
 * "%rz7j%", where a letter per kind of separator tells "-7@" from "-7 " or "-70"). pg_trgm splits
 * words at separators, so these trigrams are the rare ones, where the words' own ("tea", "spa") are in nearly every
 * row and cost more to read than they narrow. The pieces keep their order and are substrings of the glued search
 * text, so every row that contains the search matches: the pattern narrows and never excludes. One pattern, so the
 * row check evaluates the glued text once. ASCII only, where lower() is the same in JavaScript and PostgreSQL;
 * null when there is no separator or the text is not ASCII (then the whole text, glued in SQL, is asked for).
 */
export function separatorPattern(text: string): string | null {
  if (!/^[\x20-\x7e]*$/.test(text) || text.length < 3) return null;
  const glued = [...text.toLowerCase()].map((c) => SEPARATOR_LETTERS[c] ?? c);
  const keep = glued.map(() => false);
  let any = false;
  for (let i = 0; i < text.length; i++) {
    if (!Object.hasOwn(SEPARATOR_LETTERS, text[i]!)) continue;
    const from = Math.min(Math.max(0, i - 1), text.length - 3);
    for (let j = from; j < from + 3; j++) keep[j] = true;
    any = true;
  }
  if (!any) return null;
  const pattern = glued.map((c, i) => (keep[i] ? escapeLike(c) : '%')).join('');
  return `%${pattern}%`.replace(/%+/g, '%');
}

/**
 * The text condition. The glued trigram index narrows: by the letters across separators when there are any (their
 * trigrams are the rare ones), else by the whole text glued the same way in SQL. The exact LIKE on the search text
 * decides. lower() runs in SQL on both sides so case folds alike.
 */
function textCondition(text: string): Prisma.Sql {
  const pattern = `%${escapeLike(text)}%`;
  const exact = Prisma.sql`${SEARCH_TEXT} LIKE lower(${pattern})`;
  const across = separatorPattern(text);
  // Glued in SQL, an escaped '_' becomes '\z': still a literal, and 'z' is what the glued text has there.
  const narrow = across === null
    ? Prisma.sql`${GLUED_SEARCH_TEXT} LIKE audit_search_glued(lower(${pattern}))`
    : Prisma.sql`${GLUED_SEARCH_TEXT} LIKE ${across}`;
  return Prisma.sql`${narrow} AND ${exact}`;
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

const cols = Prisma.raw(AUDIT_EVENT_COLUMNS);

/** The newest `size + 1` rows that meet every condition (one more than a page says whether there is a next). */
const newestRows = (ctx: AuditContext, where: Prisma.Sql[], size: number) => ctx.prisma.$queryRaw<AuditEventRow[]>`
  SELECT ${cols} FROM audit_event ${whereOf(where)} ORDER BY at DESC, seq DESC LIMIT ${size + 1}`;

/**
 * A page of rows that meet the conditions and contain the text. Most searches match often enough that the newest few
 * thousand rows hold a page: look there first, in index order (≈ 2 µs a row). Otherwise the trigram index answers,
 * and its cost is fetching every candidate from the heap to sort them, wherever they are in time: a text in 0.5 % of
 * a million rows fetched 6,500 of them to show 50. So when the first look found some matches and the whole table
 * should hold many, their density says how far back a few pages reach, and the index is asked for that time slice
 * (PostgreSQL ANDs it with the (at, seq) index before the heap), then for a longer one. A text the first look did
 * not find is rare: the index is asked for all of it.
 */
async function searchRows(ctx: AuditContext, conditions: Prisma.Sql[], text: string, size: number): Promise<AuditEventRow[]> {
  const first = await ctx.prisma.$queryRaw<AuditEventRow[]>`
    SELECT * FROM (SELECT ${cols}, ${SEARCH_TEXT} AS search_text FROM audit_event ${whereOf(conditions)}
      ORDER BY at DESC, seq DESC LIMIT ${SEARCH_WINDOW}) recent
    WHERE search_text LIKE lower(${`%${escapeLike(text)}%`}) ORDER BY at DESC, seq DESC LIMIT ${size + 1}`;
  if (first.length > size) return first;
  const matching = [...conditions, textCondition(text)];
  if (first.length === 0) return newestRows(ctx, matching, size);
  // Apart from the first look, so that one streams its rows instead of holding them all for these (≈ 4 ms).
  const [look] = await ctx.prisma.$queryRaw<{ rows: number; oldest: Date; newest: Date; table_rows: number }[]>`
    SELECT count(*)::int AS rows, min(at) AS oldest, max(at) AS newest,
      (SELECT reltuples FROM pg_class WHERE oid = 'audit_event'::regclass) AS table_rows
    FROM (SELECT at FROM audit_event ${whereOf(conditions)} ORDER BY at DESC, seq DESC LIMIT ${SEARCH_WINDOW}) recent`;
  // A look that reached the oldest row (it had fewer rows than it may take) has found all there is.
  if (look!.rows < SEARCH_WINDOW) return first;
  // reltuples is PostgreSQL's estimate of the table's rows, -1 before its first ANALYZE.
  if ((first.length / SEARCH_WINDOW) * Math.max(look!.table_rows, look!.rows) > ctx.options.searchSliceAboveMatches) {
    const newest = look!.newest.getTime();
    // At least a second: rows written in one burst may share their time.
    let reach = (Math.max(newest - look!.oldest.getTime(), 1000) * SLICE_PAGES * (size + 1)) / first.length;
    for (let i = 0; i < SLICES; i++, reach *= SLICE_GROWTH) {
      const slice = await newestRows(ctx, [...matching, Prisma.sql`at >= ${new Date(newest - reach)}`], size);
      if (slice.length > size) return slice;
    }
  }
  return newestRows(ctx, matching, size);
}

async function listLinked(ctx: AuditContext, filter: AuditFilter, cursor: string | null | undefined, limit: number): Promise<AuditPage> {
  const size = Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE_SIZE);
  const conditions = filterConditions(filter);
  if (cursor) {
    const { at, seq } = decodeCursor(cursor);
    conditions.push(Prisma.sql`(at, seq) < (${at}, ${seq})`);
  }
  const text = filter.text?.trim();
  const rows = text ? await searchRows(ctx, conditions, text, size) : await newestRows(ctx, conditions, size);
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
