import { ChevronRight } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from './cn';

/** The page one level up: its address and name; `mono` when the name is an object's (an account's name). */
export interface Crumb {
  href: string;
  label: string;
  mono?: boolean;
}

/** The title block of a page: an optional breadcrumb, the h1, a one-line description and the page's actions. */
export function PageHeader({ title, description, breadcrumb: crumb, actions, className }: { title: ReactNode; description?: ReactNode; breadcrumb?: Crumb; actions?: ReactNode; className?: string }) {
  const breadcrumb = crumb && (
    <Link href={crumb.href} className={cn('hover:text-foreground hover:underline', crumb.mono && 'font-mono')}>
      {crumb.label}
    </Link>
  );
  return (
    <div className={cn('mb-6 flex flex-wrap items-end justify-between gap-4', className)}>
      <div className="min-w-0">
        {breadcrumb && (
          <nav aria-label="Breadcrumb" className="mb-1.5 flex items-center gap-1 text-[0.8125rem] text-muted-fg">
            {breadcrumb}
            <ChevronRight aria-hidden className="size-3.5" />
          </nav>
        )}
        <h1 className="text-2xl font-semibold tracking-tight text-balance break-all sm:break-normal">{title}</h1>
        {description && <p className="mt-1 text-sm text-muted-fg">{description}</p>}
      </div>
      {actions && <div className="flex items-center gap-2">{actions}</div>}
    </div>
  );
}
