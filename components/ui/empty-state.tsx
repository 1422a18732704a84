import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from './cn';

/** What an empty list says: what this is, why it is empty, and the first thing to do. */
export function EmptyState({ icon: Icon, title, children, action, className, heading: Heading = 'h2' }: { icon: LucideIcon; title: string; children?: ReactNode; action?: ReactNode; className?: string; heading?: 'h1' | 'h2' }) {
  return (
    <div className={cn('flex flex-col items-center px-6 py-12 text-center', className)}>
      <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-surface-muted text-muted-fg">
        <Icon aria-hidden className="size-5" />
      </div>
      <Heading className="text-[0.9375rem] font-semibold">{title}</Heading>
      {children && <div className="mt-1.5 max-w-md text-sm text-muted-fg">{children}</div>}
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}
