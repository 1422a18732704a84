import { CircleAlert, CircleCheck, CircleHelp, TriangleAlert } from 'lucide-react';
import { StatusPill, type Tone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { HealthCheck, Level } from '@/server/queries/health-checks';

const LOOK: Record<Level, { tone: Tone; word: string; icon: typeof CircleCheck; className: string }> = {
  ok: { tone: 'success', word: 'OK', icon: CircleCheck, className: 'text-success-soft-fg' },
  warn: { tone: 'warning', word: 'Warning', icon: TriangleAlert, className: 'text-warning-soft-fg' },
  fail: { tone: 'danger', word: 'Failing', icon: CircleAlert, className: 'text-danger-soft-fg' },
  unknown: { tone: 'neutral', word: 'Unknown', icon: CircleHelp, className: 'text-muted-fg' },
};

/** A level as a word with a coloured dot: the word carries the meaning, the colour only helps. */
export function LevelPill({ level, testId }: { level: Level; testId?: string }) {
  return (
    <StatusPill tone={LOOK[level].tone} data-testid={testId} data-level={level}>
      {LOOK[level].word}
    </StatusPill>
  );
}

export function HealthCheckCard({ check }: { check: HealthCheck }) {
  const { icon: Icon, className } = LOOK[check.level];
  return (
    <Card className="flex gap-3 px-5 py-4" data-testid={`health-${check.id}`} data-level={check.level} aria-labelledby={`health-${check.id}-title`}>
      <Icon aria-hidden className={`mt-0.5 size-5 shrink-0 ${className}`} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id={`health-${check.id}-title`} className="text-[0.9375rem] font-semibold">
            {check.title}
          </h2>
          <LevelPill level={check.level} />
        </div>
        <p className="mt-1 text-sm" data-testid={`health-${check.id}-summary`}>
          {check.summary}
        </p>
        {check.detail && <p className="mt-1 text-[0.8125rem] text-muted-fg">{check.detail}</p>}
        {check.items && check.items.length > 0 && (
          <ul className="mt-2 grid gap-0.5 font-mono text-[0.8125rem]">
            {check.items.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
