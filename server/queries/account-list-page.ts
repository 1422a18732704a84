/** Pure list logic of the Accounts page: search, order and paging happen on the server, never in the browser. */
import type { ResourceUsage } from './quota-usage-view';

export interface AccountRow {
  name: string;
  spaces: number;
  limit?: number;
  subjects: string[];
  /** The resource closest to its limit over the account's quotas; undefined without quotas. */
  fullest?: ResourceUsage & { quota: string };
}

export const ACCOUNT_SORTS = ['name', 'spaces', 'usage'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

export interface AccountListQuery {
  q?: string;
  sort: AccountSort;
  page: number;
}

export const ACCOUNTS_PAGE_SIZE = 25;

export function parseAccountListQuery(sp: Record<string, string | string[] | undefined>): AccountListQuery {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  const page = Number.parseInt(one(sp.page) ?? '1', 10);
  const sort = one(sp.sort);
  return {
    q: one(sp.q)?.slice(0, 253),
    sort: (ACCOUNT_SORTS as readonly string[]).includes(sort ?? '') ? (sort as AccountSort) : 'name',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

const byName = (a: AccountRow, b: AccountRow) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const orders: Record<AccountSort, (a: AccountRow, b: AccountRow) => number> = {
  name: byName,
  // most spaces first, then fullest quota first: what an admin looks at to find the tenants near a limit
  spaces: (a, b) => b.spaces - a.spaces || byName(a, b),
  usage: (a, b) => (b.fullest?.fraction ?? -1) - (a.fullest?.fraction ?? -1) || byName(a, b),
};

/** Every word must appear in the name or a subject; a page past the end shows the last page. */
export function pageOfAccounts(rows: readonly AccountRow[], query: AccountListQuery, pageSize = ACCOUNTS_PAGE_SIZE): { rows: AccountRow[]; total: number; page: number } {
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const matches = rows.filter((r) => words.every((w) => r.name.includes(w) || r.subjects.some((s) => s.toLowerCase().includes(w))));
  matches.sort(orders[query.sort]);
  const pages = Math.max(1, Math.ceil(matches.length / pageSize));
  const page = Math.min(Math.max(1, query.page), pages);
  return { rows: matches.slice((page - 1) * pageSize, page * pageSize), total: matches.length, page };
}
