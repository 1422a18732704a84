import type { AuditFilter, RecordedOutcome } from '@/server/audit';

/** The audit page's filters as they appear in the URL (the page, its links and the export share them). */
export const AUDIT_PARAMS = ['actor', 'account', 'space', 'action', 'outcome', 'from', 'to', 'q'] as const;
export type AuditParam = (typeof AUDIT_PARAMS)[number];
export type AuditParams = Partial<Record<AuditParam, string>>;

export const OUTCOMES: RecordedOutcome[] = ['done', 'denied', 'failed', 'unknown'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export interface AuditQuery {
  params: AuditParams;
  filter: AuditFilter;
  cursor?: string;
  /** Bad filters, each naming the field and the fix; the filter leaves them out. */
  errors: string[];
}

type Search = Record<string, string | string[] | undefined> | URLSearchParams;

function get(s: Search, k: string): string | undefined {
  const v = s instanceof URLSearchParams ? s.get(k) : s[k];
  const one = Array.isArray(v) ? v[0] : v;
  const t = one?.trim();
  return t ? t.slice(0, 256) : undefined;
}

function day(v: string | undefined, field: string, errors: string[]): Date | undefined {
  if (!v) return undefined;
  const d = new Date(`${v}T00:00:00Z`);
  if (!DAY.test(v) || Number.isNaN(d.getTime())) {
    errors.push(`${field}: “${v}” is not a date; use YYYY-MM-DD`);
    return undefined;
  }
  return d;
}

/** Filters from the URL. `from` and `to` are whole days in UTC, both included. */
export function parseAuditQuery(search: Search): AuditQuery {
  const params: AuditParams = {};
  for (const k of AUDIT_PARAMS) {
    const v = get(search, k);
    if (v) params[k] = v;
  }
  const errors: string[] = [];
  const filter: AuditFilter = {};
  if (params.actor) filter.actor = params.actor;
  if (params.account) filter.account = params.account;
  if (params.space) filter.space = params.space;
  if (params.action) filter.action = params.action;
  if (params.q) filter.text = params.q;
  if (params.outcome) {
    if ((OUTCOMES as string[]).includes(params.outcome)) filter.outcome = params.outcome as RecordedOutcome;
    else errors.push(`outcome: “${params.outcome}” is not an outcome; choose one of ${OUTCOMES.join(', ')}`);
  }
  const from = day(params.from, 'from', errors);
  const to = day(params.to, 'to', errors);
  if (from) filter.from = from;
  if (to) filter.to = new Date(to.getTime() + DAY_MS);
  if (from && to && from > to) errors.push('to: the last day is before the first day (from); swap them');
  const cursor = get(search, 'cursor');
  return { params, filter, cursor, errors };
}

/** A link to the audit page (or its export) with these filters and an optional cursor. */
export function auditHref(path: string, params: AuditParams, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...extra })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
