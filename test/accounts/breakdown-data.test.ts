import { describe, expect, it } from 'vitest';
import { breakdownOf, MAX_SERIES } from '@/components/quota/breakdown-data';
import { toQuotaView } from '@/server/queries/quota-usage-view';

const view = (namespaces: { namespace: string; status: { used: Record<string, string> } }[]) =>
  toQuotaView({
    metadata: { name: 'q' },
    spec: { account: 'a', quota: { hard: { pods: '10', 'requests.memory': '1Gi' } } },
    status: { total: { hard: { pods: '10', 'requests.memory': '1Gi' }, used: {} }, namespaces },
  });

describe('per-space breakdown', () => {
  it('splits each resource\'s limit by space, largest first, with what is free', () => {
    const b = breakdownOf(view([
      { namespace: 'small', status: { used: { pods: '1', 'requests.memory': '0' } } },
      { namespace: 'big', status: { used: { pods: '5', 'requests.memory': '512Mi' } } },
      { namespace: 'idle', status: { used: { pods: '0', 'requests.memory': '0' } } },
    ]));
    expect(b.series).toEqual([{ key: 's0', label: 'big' }, { key: 's1', label: 'small' }]);
    expect(b.rows).toEqual([
      { resource: 'pods', hard: '10', s0: 50, s1: 10, free: 40 },
      { resource: 'requests.memory', hard: '1Gi', s0: 50, s1: 0, free: 50 },
    ]);
  });

  it('sums the spaces beyond the first few as other spaces', () => {
    const spaces = Array.from({ length: 8 }, (_, i) => ({ namespace: `s-${i}`, status: { used: { pods: '1' } } }));
    const b = breakdownOf(view(spaces));
    expect(b.series).toHaveLength(MAX_SERIES);
    expect(b.series.at(-1)).toEqual({ key: 'other', label: '4 other spaces' });
    expect(b.rows[0]).toMatchObject({ other: 40, free: 20 });
  });
});
