import { describe, expect, it } from 'vitest';
import { fullestResource, quantityValue, toQuotaView } from '@/server/queries/quota-usage-view';

const quota = (status?: object) => ({
  metadata: { name: 'q' },
  spec: { account: 'a', quota: { hard: { 'limits.memory': '2Gi', pods: '10', 'requests.cpu': '2' } } },
  status,
});

describe('quota usage view', () => {
  it('reads quantities in base units', () => {
    expect(quantityValue('500m')).toBe(0.5);
    expect(quantityValue('2Gi')).toBe(2 * 1024 ** 3);
    expect(quantityValue('not a quantity')).toBe(0);
  });

  it('shows used against hard per resource, with each space\'s share', () => {
    const v = toQuotaView(quota({
      total: { hard: { 'limits.memory': '2Gi', pods: '10', 'requests.cpu': '2' }, used: { 'limits.memory': '1Gi', pods: '10', 'requests.cpu': '500m' } },
      namespaces: [{ namespace: 's1', status: { used: { pods: '6', 'requests.cpu': '500m' } } }, { namespace: 's2', status: { used: { pods: '4' } } }],
    }));
    expect(v.counted).toBe(true);
    expect(v.resources.map((r) => [r.resource, r.used, r.hard, r.fraction])).toEqual([
      ['limits.memory', '1Gi', '2Gi', 0.5],
      ['pods', '10', '10', 1],
      ['requests.cpu', '500m', '2', 0.25],
    ]);
    expect(v.spaces[0]).toEqual({ space: 's1', used: { pods: { text: '6', value: 6 }, 'requests.cpu': { text: '500m', value: 0.5 } } });
    expect(fullestResource([v])).toMatchObject({ quota: 'q', resource: 'pods', fraction: 1 });
  });

  it('a quota the controller has not counted yet shows its limits with nothing used', () => {
    const v = toQuotaView(quota());
    expect(v.counted).toBe(false);
    expect(v.resources.every((r) => r.used === '0' && r.fraction === 0)).toBe(true);
    expect(v.spaces).toEqual([]);
  });
});
