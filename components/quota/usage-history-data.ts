/** A usage sample as the audit store keeps it: when, and the amount in the resource's base unit. */
export interface UsagePoint {
  at: number;
  used: number;
}

export const RANGES = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;
export type HistoryRange = keyof typeof RANGES;

/**
 * The controller samples usage on every change and at least every 5 minutes; a longer silence means no samples
 * were recorded (controller or database down), which the line must show as a break rather than bridge.
 */
export const MAX_SAMPLE_GAP_MS = 11 * 60_000;

/** Points in time order with a null between two samples further apart than `maxGapMs` (recharts breaks the line there). */
export function withGaps(points: readonly UsagePoint[], maxGapMs = MAX_SAMPLE_GAP_MS): { at: number; used: number | null }[] {
  const sorted = [...points].sort((a, b) => a.at - b.at);
  const out: { at: number; used: number | null }[] = [];
  sorted.forEach((p, i) => {
    const prev = sorted[i - 1];
    if (prev && p.at - prev.at > maxGapMs) out.push({ at: prev.at + 1, used: null });
    out.push(p);
  });
  return out;
}
