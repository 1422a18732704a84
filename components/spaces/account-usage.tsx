import { cn } from '@/components/ui/cn';

/** "1 of 2 spaces" with a small bar; an account at its limit shows it in the warning colour. */
export function AccountUsage({ spaces, limit, className, compact }: { spaces: number; limit?: number; className?: string; compact?: boolean }) {
  if (limit === undefined) {
    return <span className={cn('text-[0.8125rem] text-muted-fg tabular-nums', className)}>{spaces} {spaces === 1 ? 'space' : 'spaces'} · no limit</span>;
  }
  const full = spaces >= limit;
  const share = limit === 0 ? 1 : Math.min(1, spaces / limit);
  return (
    <span className={cn('inline-flex items-center gap-2 text-[0.8125rem] tabular-nums', full ? 'text-warning-soft-fg' : 'text-muted-fg', className)}>
      <span
        role="meter"
        aria-label="Spaces used"
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={spaces}
        aria-valuetext={`${spaces} of ${limit} spaces`}
        className={cn('relative h-1.5 overflow-hidden rounded-full bg-surface-muted', compact ? 'w-10' : 'w-16')}
      >
        <span className={cn('absolute inset-y-0 left-0 rounded-full', full ? 'bg-warning-soft-fg' : 'bg-primary')} style={{ width: `${share * 100}%` }} />
      </span>
      {spaces} of {limit}
      {full && <span className="sr-only"> (limit reached)</span>}
    </span>
  );
}
