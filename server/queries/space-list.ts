/** Pure list logic of the My spaces page: search, order and paging happen on the server, never in the browser. */

export interface SpaceRow {
  name: string;
  account?: string;
  /** Namespace phase: Active or Terminating. */
  phase: string;
  createdAt?: string;
  /** Mandatory templates are still being deployed (kiosk.sh/initializing). */
  initializing: boolean;
}

export interface SpaceListQuery {
  q?: string;
  account?: string;
  page?: number;
}

export const PAGE_SIZE = 20;

/** Parses ?q=&account=&page= from the URL; anything odd falls back to the first page of everything. */
export function parseSpaceListQuery(sp: Record<string, string | string[] | undefined>): Required<Pick<SpaceListQuery, 'page'>> & SpaceListQuery {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  const page = Number.parseInt(one(sp.page) ?? '1', 10);
  return { q: one(sp.q)?.slice(0, 253), account: one(sp.account)?.slice(0, 253), page: Number.isFinite(page) && page > 0 ? page : 1 };
}

/**
 * Filters by account and by text (every word must appear in the name or account), sorts by name and cuts one
 * page. A page past the end shows the last page, so a stale link after deletions still shows something.
 */
export function pageOfSpaces(rows: readonly SpaceRow[], query: SpaceListQuery, pageSize = PAGE_SIZE): { rows: SpaceRow[]; total: number; page: number } {
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const matches = rows.filter(
    (r) => (!query.account || r.account === query.account) && words.every((w) => r.name.includes(w) || (r.account ?? '').toLowerCase().includes(w)),
  );
  matches.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const pages = Math.max(1, Math.ceil(matches.length / pageSize));
  const page = Math.min(Math.max(1, query.page ?? 1), pages);
  return { rows: matches.slice((page - 1) * pageSize, page * pageSize), total: matches.length, page };
}
