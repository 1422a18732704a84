import { CircleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from './cn';
import { Label } from './label';

export interface FieldProps {
  /** id of the control; the label, description and error are tied to it. */
  id: string;
  label: ReactNode;
  description?: ReactNode;
  /** Shown under the control in the danger colour and announced to screen readers. */
  error?: string | string[];
  optional?: boolean;
  className?: string;
  /** The control; give it `id`, and `aria-describedby={describedBy(id, ...)}` via fieldAria(). */
  children: ReactNode;
}

/** aria attributes a control inside <Field> needs, so the description and error are read with it. */
export function fieldAria(id: string, opts: { description?: boolean; error?: unknown }) {
  const ids = [opts.description ? `${id}-description` : '', opts.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': opts.error ? true : undefined } as const;
}

/** A labelled form control with its help text and error text. */
export function Field({ id, label, description, error, optional, className, children }: FieldProps) {
  const errors = (Array.isArray(error) ? error : error ? [error] : []).filter(Boolean);
  return (
    <div className={cn('grid gap-1.5', className)}>
      <Label htmlFor={id}>
        {label}
        {optional && <span className="ml-1.5 font-normal text-muted-fg">(optional)</span>}
      </Label>
      {children}
      {description && (
        <p id={`${id}-description`} className="text-[0.8125rem] text-muted-fg">
          {description}
        </p>
      )}
      <div id={`${id}-error`} aria-live="polite" className={errors.length ? 'grid gap-0.5' : 'sr-only'}>
        {errors.map((e) => (
          <p key={e} className="flex items-start gap-1.5 text-[0.8125rem] text-danger-soft-fg">
            <CircleAlert aria-hidden className="mt-0.5 size-3.5 shrink-0" />
            {e}
          </p>
        ))}
      </div>
    </div>
  );
}
