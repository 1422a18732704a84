'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { QuotaView } from '@/server/queries/quota-usage-view';
import { breakdownOf } from './breakdown-data';
import { OTHER_COLOR, chartVars } from './chart-colors';
import { formatAmount } from './format-amount';

const pct = (v: unknown) => `${Math.round(Number(v))}%`;

/**
 * Which space uses what of each resource: one bar per resource as 100% of its limit, a segment per space. The
 * chart is hidden from screen readers; the table below it says the same.
 */
export function SpaceBreakdownChart({ quota }: { quota: QuotaView }) {
  const { rows, series } = breakdownOf(quota);
  if (series.length === 0) return <p className="text-[0.8125rem] text-muted-fg">No space of this account uses any of it yet.</p>;
  const colorOf = (key: string, i: number) => (key === 'other' ? OTHER_COLOR : `var(--chart-${i})`);
  return (
    <div className="grid gap-3" style={chartVars(series.length)}>
      <div aria-hidden style={{ height: 40 + rows.length * 36 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 4 }} barCategoryGap={8}>
            <CartesianGrid horizontal={false} stroke="var(--border)" />
            <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={pct} stroke="var(--muted-fg)" tick={{ fill: 'var(--muted-fg)', fontSize: 12 }} />
            <YAxis type="category" dataKey="resource" width={130} stroke="var(--muted-fg)" tick={{ fill: 'var(--foreground)', fontSize: 12, fontFamily: 'var(--font-mono)' }} />
            <Tooltip
              cursor={{ fill: 'var(--surface-muted)' }}
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 6, color: 'var(--foreground)', fontSize: 12 }}
              formatter={(v, name) => [pct(v), series.find((s) => s.key === name)?.label ?? 'free']}
            />
            {series.map((s, i) => (
              <Bar key={s.key} dataKey={s.key} stackId="use" fill={colorOf(s.key, i)} isAnimationActive={false} />
            ))}
            <Bar dataKey="free" stackId="use" fill="var(--surface-muted)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul aria-hidden className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-fg">
        {series.map((s, i) => (
          <li key={s.key} className="inline-flex items-center gap-1.5">
            <span className="size-2.5 rounded-sm" style={{ background: colorOf(s.key, i) }} />
            <span className="font-mono">{s.label}</span>
          </li>
        ))}
      </ul>
      <details className="text-[0.8125rem]">
        <summary className="cursor-pointer text-muted-fg hover:text-foreground">Show as a table</summary>
        <BreakdownTable quota={quota} />
      </details>
    </div>
  );
}

function BreakdownTable({ quota }: { quota: QuotaView }) {
  return (
    <div className="mt-2 overflow-x-auto">
      <table className="w-full text-left text-[0.8125rem] tabular-nums">
        <caption className="sr-only">Use of quota {quota.name} by space</caption>
        <thead className="text-muted-fg">
          <tr>
            <th scope="col" className="py-1 pr-4 font-medium">Space</th>
            {quota.resources.map((r) => (
              <th key={r.resource} scope="col" className="py-1 pr-4 font-mono font-medium">
                {r.resource}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {quota.spaces.map((s) => (
            <tr key={s.space} className="border-t border-border">
              <th scope="row" className="py-1 pr-4 font-mono font-normal">{s.space}</th>
              {quota.resources.map((r) => (
                <td key={r.resource} className="py-1 pr-4">
                  {s.used[r.resource] ? formatAmount(r.resource, s.used[r.resource]!.value) : '0'}
                </td>
              ))}
            </tr>
          ))}
          <tr className="border-t border-border font-medium">
            <th scope="row" className="py-1 pr-4 font-medium">Limit</th>
            {quota.resources.map((r) => (
              <td key={r.resource} className="py-1 pr-4">{r.hard}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
