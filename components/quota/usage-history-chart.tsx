'use client';

import { useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { cn } from '@/components/ui/cn';
import { formatAmount } from './format-amount';
import { RANGES, withGaps, type HistoryRange, type UsagePoint } from './usage-history-data';

const LABELS: Record<HistoryRange, string> = { hour: 'Last hour', day: 'Last day', week: 'Last week' };

const timeFormat = (range: HistoryRange) => (t: number) =>
  new Date(t).toLocaleString(undefined, range === 'week' ? { weekday: 'short', hour: '2-digit' } : { hour: '2-digit', minute: '2-digit' });

/**
 * One resource's use over time against its limit. `samples` is undefined while the history cannot be read: the
 * chart then says so instead of drawing a flat line. Gaps in the samples break the line.
 */
export function UsageHistoryChart({ resource, hardValue, samples, now }: { resource: string; hardValue: number; samples: UsagePoint[] | undefined; now: number }) {
  const [range, setRange] = useState<HistoryRange>('hour');
  const since = now - RANGES[range];
  const points = withGaps((samples ?? []).filter((p) => p.at >= since));
  const recorded = points.filter((p) => p.used !== null);
  return (
    <div className="grid gap-2">
      <div role="group" aria-label={`Time range for ${resource}`} className="flex gap-1">
        {(Object.keys(RANGES) as HistoryRange[]).map((r) => (
          <button
            key={r}
            type="button"
            aria-pressed={range === r}
            onClick={() => setRange(r)}
            className={cn('rounded-md px-2 py-1 text-xs font-medium', range === r ? 'bg-surface-muted text-foreground' : 'text-muted-fg hover:text-foreground')}
          >
            {LABELS[r]}
          </button>
        ))}
      </div>
      {recorded.length === 0 ? (
        <p className="flex h-40 items-center justify-center rounded-md border border-dashed border-border text-[0.8125rem] text-muted-fg">
          No samples recorded yet
        </p>
      ) : (
        <>
          <div aria-hidden className="h-40">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="var(--border)" vertical={false} />
                <XAxis dataKey="at" type="number" scale="time" domain={[since, now]} tickFormatter={timeFormat(range)} stroke="var(--muted-fg)" tick={{ fill: 'var(--muted-fg)', fontSize: 11 }} />
                <YAxis domain={[0, (max: number) => Math.max(max, hardValue) * 1.1]} tickFormatter={(v: number) => formatAmount(resource, v)} width={56} stroke="var(--muted-fg)" tick={{ fill: 'var(--muted-fg)', fontSize: 11 }} />
                <Tooltip
                  labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
                  formatter={(v) => [formatAmount(resource, Number(v)), 'used']}
                  contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 6, color: 'var(--foreground)', fontSize: 12 }}
                />
                <ReferenceLine y={hardValue} stroke="var(--danger)" strokeDasharray="4 3" label={{ value: 'limit', position: 'insideTopRight', fill: 'var(--danger)', fontSize: 11 }} />
                <Line type="stepAfter" dataKey="used" stroke="var(--primary)" strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <p className="sr-only">
            {`${resource} over the ${LABELS[range].toLowerCase()}: ${recorded.length} samples, lowest ${formatAmount(resource, Math.min(...recorded.map((p) => p.used!)))}, highest ${formatAmount(resource, Math.max(...recorded.map((p) => p.used!)))}, latest ${formatAmount(resource, recorded.at(-1)!.used!)}, limit ${formatAmount(resource, hardValue)}.`}
          </p>
        </>
      )}
    </div>
  );
}
