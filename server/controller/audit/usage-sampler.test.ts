import { describe, expect, it } from 'vitest';
import { parseQuantity, parseResourceList } from '@/server/tenancy/quota';
import type { UsageSampleInput } from '@/server/audit';
import { quantityDecimal, samplesOf, UsageSampler } from './usage-sampler';

describe('quantityDecimal', () => {
  it.each([
    ['500m', '0.5'], ['2', '2'], ['1Gi', '1073741824'], ['1n', '0.000000001'], ['1.5k', '1500'], ['0', '0'], ['-250m', '-0.25'], ['100Ei', '115292150460684697600'],
  ])('%s → %s', (q, d) => {
    expect(quantityDecimal(parseQuantity(q))).toBe(d);
  });
});

describe('samplesOf', () => {
  it('samples every limited resource for the total and for each space', () => {
    const at = new Date('2026-11-30T10:00:00Z');
    expect(samplesOf({
      quota: 'q', account: 'team-a', hard: parseResourceList({ pods: '10', 'limits.cpu': '4' }),
      total: parseResourceList({ pods: '3', 'limits.cpu': '1500m' }),
      spaces: new Map([['a-dev', parseResourceList({ pods: '3', 'limits.cpu': '1500m' })], ['a-prod', parseResourceList({})]]),
    }, at)).toEqual([
      { at, quota: 'q', account: 'team-a', space: null, resource: 'limits.cpu', used: '1.5', hard: '4' },
      { at, quota: 'q', account: 'team-a', space: null, resource: 'pods', used: '3', hard: '10' },
      { at, quota: 'q', account: 'team-a', space: 'a-dev', resource: 'limits.cpu', used: '1.5' },
      { at, quota: 'q', account: 'team-a', space: 'a-dev', resource: 'pods', used: '3' },
      { at, quota: 'q', account: 'team-a', space: 'a-prod', resource: 'limits.cpu', used: '0' },
      { at, quota: 'q', account: 'team-a', space: 'a-prod', resource: 'pods', used: '0' },
    ]);
  });
});

describe('UsageSampler', () => {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as never;
  const snapshot = (pods: string) => ({ quota: 'q', account: 'a', hard: parseResourceList({ pods: '10' }), total: parseResourceList({ pods }), spaces: new Map() });

  it('samples a change at once, then at most once per interval with the latest value, and never an unchanged one', async () => {
    const written: UsageSampleInput[][] = [];
    const s = new UsageSampler(log, { minIntervalMs: 100, periodMs: 60_000, pruneEveryMs: 60_000 }, async (x) => written.push(x), async () => 0);
    s.observe(snapshot('1'));
    s.observe(snapshot('1'));
    s.observe(snapshot('2'));
    s.observe(snapshot('3'));
    expect(written.map((w) => w[0]!.used)).toEqual(['1']);
    await new Promise((r) => setTimeout(r, 150));
    expect(written.map((w) => w[0]!.used)).toEqual(['1', '3']);
    s.stop();
  });
});
