import { CircleAlert, CircleCheck, Info, TriangleAlert, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from './cn';

const looks: Record<'info' | 'success' | 'warning' | 'danger', { icon: LucideIcon; box: string }> = {
  info: { icon: Info, box: 'border-info-soft-fg/25 bg-info-soft text-info-soft-fg' },
  success: { icon: CircleCheck, box: 'border-success-soft-fg/25 bg-success-soft text-success-soft-fg' },
  warning: { icon: TriangleAlert, box: 'border-warning-soft-fg/25 bg-warning-soft text-warning-soft-fg' },
  danger: { icon: CircleAlert, box: 'border-danger-soft-fg/25 bg-danger-soft text-danger-soft-fg' },
};

/**
 * A message in the page. Danger alerts use role="alert" so a failure is announced; the rest are a polite status.
 */
export function Alert({ tone = 'info', title, children, className, ...rest }: { tone?: keyof typeof looks; title?: ReactNode; children?: ReactNode; className?: string; 'data-testid'?: string }) {
  const { icon: Icon, box } = looks[tone];
  return (
    <div role={tone === 'danger' ? 'alert' : 'status'} className={cn('flex gap-3 rounded-md border px-4 py-3 text-sm', box, className)} {...rest}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 space-y-1">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className="text-foreground/85 [&_code]:font-mono [&_code]:text-[0.8125rem]">{children}</div>}
      </div>
    </div>
  );
}
