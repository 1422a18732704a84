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

type Position = { at: Date; seq: bigint };

export function decodeCursor(cursor: string): Position {
  try {
    const [ms, seq] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof ms !== 'number' || typeof seq !== 'string' || !/^\d{1,19}$/.test(seq)) throw new Error('shape');
    return { at: new Date(ms), seq: BigInt(seq) };
  } catch {
    throw new TypeError('cursor: not a cursor from a previous page of the audit list; start again from the first page');
  }
}

/** Rows after `p` in the page order (at, seq) descending. */
const before = (p: Position) => Prisma.sql`(at, seq) < (${p.at}, ${p.seq})`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const SEARCH_TEXT = Prisma.sql`audit_search_text(actor_username, action, target_kind, target_name, target_account, target_space, message)`;
/** Rows a search first looks through, newest first, before it asks the trigram index (see listLinked). */
const SEARCH_WINDOW = 5_000;
/** Pages of matches a time slice asked of the index is sized to hold, by the matches per unit of time seen so far. */
const SLICE_PAGES = 4;
/** Each further slice is at least this much longer; this many are tried before the index is asked for all that is left. */
const SLICE_GROWTH = 8;
const SLICES = 3;
/** With no match seen yet, the first slice covers this share of the time the table holds before the first look. */
const BLIND_SLICE_SHARE = 64;

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

/** audit_search_glued(SEARCH_TEXT), stored in the row (migration 20261201150000) so a recheck reads it, not computes it. */
const GLUED_SEARCH_TEXT = Prisma.sql`search_glued`;
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
  const across = separatorPattern(text);
  const narrow = across === null ? gluedWhole(text) : Prisma.sql`${GLUED_SEARCH_TEXT} LIKE ${across}`;
  return Prisma.sql`${narrow} AND ${exactText(text)}`;
}

const exactText = (text: string) => Prisma.sql`${SEARCH_TEXT} LIKE lower(${`%${escapeLike(text)}%`})`;
/**
 * The whole text glued as the stored column is: every row that contains the text matches it (the glue maps character
 * for character), and comparing the stored column costs a fraction of building the search text. Glued in SQL, an
 * escaped '_' becomes '\z': still a literal, and 'z' is what the glued text has there.
 */
const gluedWhole = (text: string) => Prisma.sql`${GLUED_SEARCH_TEXT} LIKE audit_search_glued(lower(${`%${escapeLike(text)}%`}))`;

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

/** The time of the newest row before `ms` (whatever it holds: one probe of the time index), if there is one. */
async function newestBefore(ctx: AuditContext, ms: number): Promise<number | undefined> {
  const [row] = await ctx.prisma.$queryRaw<{ at: Date }[]>`SELECT at FROM audit_event WHERE at < ${new Date(ms)} ORDER BY at DESC, seq DESC LIMIT 1`;
  return row?.at.getTime();
}

/**
 * A page of rows that meet the conditions and contain the text. Most searches match often enough that the newest few
 * thousand rows hold a page: look there first, in index order (≈ 2 µs a row). Otherwise the trigram index answers,
 * and its cost is fetching every candidate from the heap to sort them, wherever they are in time: a text in 0.5 % of
 * a million rows fetched 5,800 of them (50–90 ms) to show 50. So the rest is asked for in time slices going back
 * from the first look's oldest row, each ANDed by PostgreSQL with the BRIN time index before the heap, and the
 * matches add up (the slices do not overlap, so they come out in order). A slice's length comes from the matches per
 * unit of time seen so far (enough for a few pages); when none were seen yet, from the time the table covers. When
 * the time left should hold few matches (none seen after a slice: a rare text, whose candidates are few), or the
 * slices are used up, the index is asked for all of what is left.
 */
async function searchRows(ctx: AuditContext, conditions: Prisma.Sql[], after: Position | undefined, text: string, size: number, from?: Date): Promise<AuditEventRow[]> {
  const looked = after ? [...conditions, before(after)] : conditions;
  const first = await ctx.prisma.$queryRaw<AuditEventRow[]>`
    SELECT * FROM (SELECT ${cols}, search_glued FROM audit_event ${whereOf(looked)}
      ORDER BY at DESC, seq DESC LIMIT ${SEARCH_WINDOW}) recent
    WHERE ${gluedWhole(text)} AND ${exactText(text)} ORDER BY at DESC, seq DESC LIMIT ${size + 1}`;
  if (first.length > size) return first;
  // Apart from the first look, so that one streams its rows instead of holding them all for these (≈ 4 ms).
  const [look] = await ctx.prisma.$queryRaw<{ rows: number; newest: Date; oldest: Date; floor: Date }[]>`
    SELECT count(*)::int AS rows, max(at) AS newest, min(at) AS oldest, (SELECT at FROM audit_event ORDER BY at, seq LIMIT 1) AS floor
    FROM (SELECT at FROM audit_event ${whereOf(looked)} ORDER BY at DESC, seq DESC LIMIT ${SEARCH_WINDOW}) recent`;
  // A look that reached the oldest row (it had fewer rows than it may take) has found all there is.
  if (look!.rows < SEARCH_WINDOW) return first;
  // What is older than the first look is asked for by time alone, which the BRIN index serves (a row comparison it
  // cannot, and PostgreSQL misjudges how many rows one leaves: it chose a B-tree bitmap of 139,000 entries, 13 ms).
  // The look's matches at its oldest instant are dropped, to come back in order with the rest of that instant.
  let until = look!.oldest.getTime();
  const rows = first.filter((r) => r.at.getTime() > until);
  let below = after?.at.getTime() === until ? Prisma.sql`at <= ${look!.oldest} AND ${before(after)}` : Prisma.sql`at <= ${look!.oldest}`;
  const matching = [...conditions, textCondition(text)];
  const floor = Math.max(look!.floor.getTime(), from?.getTime() ?? -Infinity);
  // Matches seen, and over how long; at least a second, as rows written in one burst may share their time.
  let matches = rows.length;
  let seenMs = Math.max(look!.newest.getTime() - until, 1000);
  let reach = 0;
  for (let i = 0; i < SLICES; i++) {
    // Slices are measured from the newest row below them: time that holds no rows at all (a quiet month, a cluster
    // switched off) holds no matches either, and a slice spent on it would pass a common text off as a rare one.
    const anchor = await newestBefore(ctx, until);
    if (anchor === undefined) break;
    const left = anchor - floor;
    // With matches seen, their density says whether what is left holds few enough to ask for all at once. With none,
    // it says nothing: the slices seen may be a burst of other events while the text is common before it.
    if (matches > 0 && (matches * left) / seenMs <= ctx.options.searchSliceAboveMatches) break;
    const need = size + 1 - rows.length;
    reach = Math.max(matches > 0 ? (seenMs * SLICE_PAGES * need) / matches : left / BLIND_SLICE_SHARE, reach * SLICE_GROWTH);
    const since = anchor - reach;
    if (since <= floor) break;
    const slice = await newestRows(ctx, [...matching, below, Prisma.sql`at >= ${new Date(since)}`], need - 1);
    rows.push(...slice);
    if (rows.length > size) return rows;
    matches += slice.length;
    seenMs += reach;
    until = since;
    below = Prisma.sql`at < ${new Date(since)}`;
  }
  rows.push(...(await newestRows(ctx, [...matching, below], size - rows.length)));
  return rows;
}

async function listLinked(ctx: AuditContext, filter: AuditFilter, cursor: string | null | undefined, limit: number): Promise<AuditPage> {
  const size = Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE_SIZE);
  const conditions = filterConditions(filter);
  const after = cursor ? decodeCursor(cursor) : undefined;
  const text = filter.text?.trim();
  const rows = text
    ? await searchRows(ctx, conditions, after, text, size, filter.from)
    : await newestRows(ctx, after ? [...conditions, before(after)] : conditions, size);
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
