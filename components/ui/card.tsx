import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

export function Card({ className, ...props }: ComponentProps<'section'>) {
  return <section className={cn('rounded-lg border border-border bg-surface shadow-xs', className)} {...props} />;
}

/** Card title row; `id` lets the section be labelled by it (aria-labelledby). */
export function CardHeader({ title, id, description, actions, className }: { title: ReactNode; id?: string; description?: ReactNode; actions?: ReactNode; className?: string }) {
  return (
    <div className={cn('flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-3.5', className)}>
      <div className="min-w-0">
        <h2 id={id} className="text-[0.9375rem] font-semibold">
          {title}
        </h2>
        {description && <p className="mt-0.5 text-[0.8125rem] text-muted-fg">{description}</p>}
      </div>
      {actions && <div className="flex items-center gap-2">{actions}</div>}
    </div>
  );
}

export function CardBody({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('px-5 py-4', className)} {...props} />;
}
