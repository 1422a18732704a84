import type { AuditContext } from './audit-context';
import { storableText } from './sanitize';
import type { UsagePoint, UsageSampleInput } from './types';

const DECIMAL = /^-?\d{1,31}(\.\d{1,9})?$/;

function decimal(value: string | number, field: string): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(9).replace(/\.?0+$/, '') : '') : value.trim();
  if (!DECIMAL.test(text)) throw new TypeError(`usage sample: ${field} must be a decimal number in the resource's base unit, at most 9 decimals (got ${JSON.stringify(value)})`);
  return text;
}

function name(value: string, field: string): string {
  if (typeof value !== 'string' || !value) throw new TypeError(`usage sample: ${field} is required`);
  return storableText(value, 1024);
}

/** Stores samples of AccountQuota usage; returns how many. */
export async function recordUsageSamples(ctx: AuditContext, samples: UsageSampleInput[]): Promise<number> {
  if (samples.length === 0) return 0;
  const now = new Date();
  const data = samples.map((s) => ({
    at: s.at ?? now,
    quota: name(s.quota, 'quota'),
    account: name(s.account, 'account'),
    space: s.space ? storableText(s.space, 1024) : null,
    resource: name(s.resource, 'resource'),
    used: decimal(s.used, 'used'),
    hard: s.hard === undefined || s.hard === null ? null : decimal(s.hard, 'hard'),
  }));
  const { count } = await ctx.prisma.usageSample.createMany({ data });
  return count;
}

/**
 * A quota's usage of one resource since a time, oldest first: the account total (space null) and each space. Pass
 * `space` to get one series: a space's name, or null for the total.
 */
export async function usageSeries(ctx: AuditContext, quota: string, resource: string, since: Date, opts: { space?: string | null } = {}): Promise<UsagePoint[]> {
  const rows = await ctx.prisma.usageSample.findMany({
    where: { quota, resource, at: { gte: since }, ...(opts.space !== undefined ? { space: opts.space } : {}) },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: { at: true, space: true, used: true, hard: true },
  });
  return rows.map((r) => ({ at: r.at, space: r.space, used: r.used.toNumber(), hard: r.hard?.toNumber() ?? null }));
}

/** Deletes samples older than `olderThan` (default: the configured retention); returns how many. */
export async function pruneUsageSamples(ctx: AuditContext, olderThan?: Date): Promise<number> {
  const cutoff = olderThan ?? new Date(Date.now() - ctx.options.usageRetentionDays * 86_400_000);
  const { count } = await ctx.prisma.usageSample.deleteMany({ where: { at: { lt: cutoff } } });
  return count;
}
