import type { QuotaView } from '@/server/queries/quota-usage-view';

/** Spaces drawn one by one; the rest are summed as "other spaces" so the chart stays readable. */
export const MAX_SERIES = 5;

export interface BreakdownRow {
  resource: string;
  hard: string;
  /** Percent of hard per series key (s0, s1 … other), and what is left (free). */
  [key: string]: string | number;
}

export interface Breakdown {
  rows: BreakdownRow[];
  /** Series keys in stacking order, with the space (or "other spaces") each stands for. */
  series: { key: string; label: string }[];
}

/**
 * Each resource of a quota as 100% of its limit, split by the spaces that use it. Spaces are ordered by their
 * largest share; beyond MAX_SERIES they are summed. A space using nothing has no segment.
 */
export function breakdownOf(q: QuotaView): Breakdown {
  const hardOf = new Map(q.resources.map((r) => [r.resource, r.hardValue]));
  const share = (space: QuotaView['spaces'][number], resource: string) => {
    const hard = hardOf.get(resource) ?? 0;
    const used = space.used[resource]?.value ?? 0;
    return hard > 0 ? (used / hard) * 100 : 0;
  };
  const peak = (s: QuotaView['spaces'][number]) => Math.max(0, ...q.resources.map((r) => share(s, r.resource)));
  const using = q.spaces.filter((s) => peak(s) > 0).sort((a, b) => peak(b) - peak(a) || a.space.localeCompare(b.space));
  const drawn = using.length > MAX_SERIES ? using.slice(0, MAX_SERIES - 1) : using;
  const rest = using.slice(drawn.length);
  const series = drawn.map((s, i) => ({ key: `s${i}`, label: s.space }));
  if (rest.length > 0) series.push({ key: 'other', label: `${rest.length} other spaces` });
  const rows = q.resources.map((r) => {
    const row: BreakdownRow = { resource: r.resource, hard: r.hard };
    let total = 0;
    drawn.forEach((s, i) => {
      const v = share(s, r.resource);
      row[`s${i}`] = v;
      total += v;
    });
    if (rest.length > 0) {
      const v = rest.reduce((sum, s) => sum + share(s, r.resource), 0);
      row.other = v;
      total += v;
    }
    row.free = Math.max(0, 100 - total);
    return row;
  });
  return { rows, series };
}
