import { cn } from '@/components/ui/cn';
import type { ResourceUsage } from '@/server/queries/quota-usage-view';
import { formatPercent } from './format-amount';

/**
 * Used against hard for each resource of a quota. The track runs a little past the limit so the limit shows as a
 * mark and usage over it (a quota lowered below what is used) shows beyond the mark.
 */
export function QuotaBars({ resources }: { resources: ResourceUsage[] }) {
  return (
    <ul className="grid gap-4">
      {resources.map((r) => (
        <li key={r.resource}>
          <QuotaBar usage={r} />
        </li>
      ))}
    </ul>
  );
}

export function QuotaBar({ usage: r, compact }: { usage: ResourceUsage; compact?: boolean }) {
  const scale = Math.max(r.hardValue, r.usedValue) * 1.15 || 1;
  const limitAt = (r.hardValue / scale) * 100;
  const usedAt = Math.min(100, (r.usedValue / scale) * 100);
  const tone = r.fraction >= 1 ? 'bg-danger' : r.fraction >= 0.8 ? 'bg-warning-soft-fg' : 'bg-primary';
  return (
    <div className="grid gap-1.5" data-testid={`quota-bar-${r.resource}`}>
      {!compact && (
        <div className="flex items-baseline justify-between gap-3 text-[0.8125rem]">
          <span className="truncate font-mono">{r.resource}</span>
          <span className="tabular-nums">
            <span data-testid="used">{r.used}</span> <span className="text-muted-fg">of {r.hard}</span>{' '}
            <span className={cn('ml-1 text-xs', r.fraction >= 1 ? 'font-medium text-danger-soft-fg' : 'text-muted-fg')}>{formatPercent(r.fraction)}</span>
          </span>
        </div>
      )}
      <div
        role="meter"
        aria-label={`${r.resource} used`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(r.fraction * 100)}
        aria-valuetext={`${r.used} of ${r.hard} (${formatPercent(r.fraction)})`}
        className={cn('relative rounded-full bg-surface-muted', compact ? 'h-1.5' : 'h-2.5')}
      >
        <div className={cn('absolute inset-y-0 left-0 rounded-full transition-[width] duration-500', tone)} style={{ width: `${Math.max(usedAt, r.usedValue > 0 ? 1 : 0)}%` }} />
        {/* the limit */}
        <div aria-hidden className="absolute -inset-y-1 w-0.5 rounded-full bg-foreground/70" style={{ left: `calc(${limitAt}% - 1px)` }} />
      </div>
    </div>
  );
}
