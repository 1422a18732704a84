import { CircleCheck, CircleDashed, CircleX, LoaderCircle, MinusCircle } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from './cn';

export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface Step {
  id: string;
  title: ReactNode;
  state: StepState;
  /** Why it failed, or what it is waiting for. */
  detail?: ReactNode;
}

const icons = {
  pending: { icon: CircleDashed, cls: 'text-muted-fg', word: 'waiting' },
  running: { icon: LoaderCircle, cls: 'animate-spin text-primary-text', word: 'in progress' },
  done: { icon: CircleCheck, cls: 'text-success-soft-fg', word: 'done' },
  failed: { icon: CircleX, cls: 'text-danger-soft-fg', word: 'failed' },
  skipped: { icon: MinusCircle, cls: 'text-muted-fg', word: 'not done' },
} as const;

/** A vertical list of steps with their state; a polite live region, so progress is announced as it changes. */
export function ProgressList({ steps, label, className }: { steps: Step[]; label: string; className?: string }) {
  return (
    <ol aria-label={label} aria-live="polite" className={cn('grid gap-3', className)}>
      {steps.map((s) => {
        const { icon: Icon, cls, word } = icons[s.state];
        return (
          <li key={s.id} className="flex gap-3" data-state={s.state} data-testid={`step-${s.id}`}>
            <Icon aria-hidden className={cn('mt-0.5 size-4.5 shrink-0', cls)} />
            <div className="min-w-0">
              <p className={cn('text-sm', s.state === 'pending' || s.state === 'skipped' ? 'text-muted-fg' : 'text-foreground')}>
                {s.title}
                <span className="sr-only">: {word}</span>
              </p>
              {s.detail && <div className={cn('mt-0.5 text-[0.8125rem] break-words', s.state === 'failed' ? 'text-danger-soft-fg' : 'text-muted-fg')}>{s.detail}</div>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
