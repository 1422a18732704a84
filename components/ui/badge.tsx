import type { ComponentProps } from 'react';
import { cn } from './cn';

export type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

const tones: Record<Tone, string> = {
  neutral: 'bg-neutral-soft text-neutral-soft-fg',
  success: 'bg-success-soft text-success-soft-fg',
  warning: 'bg-warning-soft text-warning-soft-fg',
  danger: 'bg-danger-soft text-danger-soft-fg',
  info: 'bg-info-soft text-info-soft-fg',
};

export function Badge({ tone = 'neutral', className, ...props }: ComponentProps<'span'> & { tone?: Tone }) {
  return (
    <span
      className={cn('inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap', tones[tone], className)}
      {...props}
    />
  );
}

const dots: Record<Tone, string> = {
  neutral: 'bg-neutral-soft-fg',
  success: 'bg-success-soft-fg',
  warning: 'bg-warning-soft-fg',
  danger: 'bg-danger-soft-fg',
  info: 'bg-info-soft-fg',
};

/** A status word with a coloured dot; `pulse` marks states that are still changing (Pending, Terminating). */
export function StatusPill({ tone, pulse, children, className, ...props }: ComponentProps<'span'> & { tone: Tone; pulse?: boolean }) {
  return (
    <Badge tone={tone} className={className} {...props}>
      <span aria-hidden className={cn('size-1.5 rounded-full', dots[tone], pulse && 'animate-pulse-soft')} />
      {children}
    </Badge>
  );
}
