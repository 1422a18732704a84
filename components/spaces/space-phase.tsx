import { StatusPill } from '@/components/ui/badge';

/** A space's state in one word: Active, Initializing (mandatory templates deploying) or Terminating. */
export function SpacePhase({ phase, initializing }: { phase: string; initializing?: boolean }) {
  if (phase === 'Terminating') return <StatusPill tone="warning" pulse data-testid="space-phase">Terminating</StatusPill>;
  if (initializing) return <StatusPill tone="info" pulse data-testid="space-phase">Initializing</StatusPill>;
  if (phase === 'Active') return <StatusPill tone="success" data-testid="space-phase">Active</StatusPill>;
  return <StatusPill tone="neutral" data-testid="space-phase">{phase}</StatusPill>;
}
