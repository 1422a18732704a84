import type { ComponentProps } from 'react';
import { cn } from './cn';

export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return <div aria-hidden className={cn('animate-pulse-soft rounded-md bg-surface-muted', className)} {...props} />;
}

/**
 * Placeholder rows for a table while it loads; announced once as `label` ("Loading"), or not at all (null) inside
 * something that is announced already.
 */
export function TableSkeleton({ rows = 5, columns = 4, label = 'Loading' }: { rows?: number; columns?: number; label?: string | null }) {
  return (
    <div role={label === null ? undefined : 'status'} aria-label={label ?? undefined} className="divide-y divide-border">
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex items-center gap-6 px-4 py-3.5">
          {Array.from({ length: columns }, (_, c) => (
            <Skeleton key={c} className={cn('h-4', c === 0 ? 'w-40' : 'w-20', c === columns - 1 && 'ml-auto')} />
          ))}
        </div>
      ))}
    </div>
  );
}
