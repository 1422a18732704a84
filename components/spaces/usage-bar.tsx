import { cn } from '@/components/ui/cn';

/** used / hard of one quota line, with a bar that turns amber near the limit and red at it. */
export function UsageBar({ label, used, hard, fraction }: { label: string; used: string; hard: string; fraction?: number }) {
  const tone = fraction === undefined ? 'bg-primary' : fraction >= 1 ? 'bg-danger' : fraction >= 0.8 ? 'bg-warning-soft-fg' : 'bg-primary';
  return (
    <div className="grid gap-1">
      <div className="flex items-baseline justify-between gap-3 text-[0.8125rem]">
        <span className="truncate font-mono text-muted-fg">{label}</span>
        <span className="tabular-nums">
          {used} <span className="text-muted-fg">/ {hard}</span>
        </span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round((fraction ?? 0) * 100)}
        aria-valuetext={`${used} of ${hard}`}
        className="h-1.5 overflow-hidden rounded-full bg-surface-muted"
      >
        <div className={cn('h-full rounded-full', tone)} style={{ width: `${Math.max(fraction ?? 0, 0.01) * 100}%` }} />
      </div>
    </div>
  );
}
