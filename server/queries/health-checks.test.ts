import { describe, expect, it } from 'vitest';
import { healthChecks, overall, type HealthFacts } from './health-checks';

const now = Date.parse('2026-11-30T06:00:00Z');
const healthy: HealthFacts = {
  now,
  apiService: { ok: true, value: { available: true, reason: 'Passed', message: 'all checks passed' } },
  webhooks: { ok: true, value: [{ name: 'atrium-config', webhooks: 1, failurePolicy: 'Fail' }] },
  lease: { ok: true, value: { holder: 'atrium-controller-abc', renewTime: '2026-11-30T05:59:55Z', durationSeconds: 15, transitions: 2 } },
  deployment: { ok: true, value: { desired: 2, ready: 2, pods: ['atrium-controller-abc', 'atrium-controller-def'] } },
  templateInstances: { ok: true, value: { total: 4, failed: [] } },
  metrics: { ok: true, value: { reconcileErrors: [['space', 0]], drift: [], queueDepth: 0, source: 'proxy' } },
};
const level = (f: HealthFacts, id: string) => healthChecks(f).find((c) => c.id === id)!;

describe('healthChecks', () => {
  it('a healthy cluster is all green, with the leader named', () => {
    const checks = healthChecks(healthy);
    expect(checks.map((c) => c.level)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(overall(checks)).toBe('ok');
    expect(level(healthy, 'leader').summary).toBe('atrium-controller-abc');
    expect(level(healthy, 'tenancy-api').summary).toBe('Available');
  });

  it.each([
    ['an unavailable APIService is red and says what tenants lose', { apiService: { ok: true, value: { available: false, reason: 'FailedDiscoveryCheck', message: 'no response' } } }, 'tenancy-api', 'fail', 'Not available (FailedDiscoveryCheck)'],
    ['no webhooks is red', { webhooks: { ok: true, value: [] } }, 'webhooks', 'fail', 'None registered'],
    ['a lease not renewed within its duration is red', { lease: { ok: true, value: { holder: 'x', renewTime: '2026-11-30T05:59:00Z', durationSeconds: 15 } } }, 'leader', 'fail', 'x stopped renewing the lease (60s ago)'],
    ['no leader is red', { lease: { ok: true, value: undefined } }, 'leader', 'fail', 'No leader'],
    ['one of two replicas ready is amber', { deployment: { ok: true, value: { desired: 2, ready: 1, pods: [] } } }, 'replicas', 'warn', '1 of 2 ready'],
    ['no replica ready is red', { deployment: { ok: true, value: { desired: 2, ready: 0, pods: [] } } }, 'replicas', 'fail', '0 of 2 ready'],
    ['reconcile errors are amber', { metrics: { ok: true, value: { reconcileErrors: [['space', 2], ['templateinstance', 1]], drift: [], queueDepth: 3, source: 'proxy' } } }, 'reconcile-errors', 'warn', '3 since the leader started'],
    ['failed template instances are amber, counted', { templateInstances: { ok: true, value: { total: 4, failed: [{ at: 'a/t', why: 'ApplyManifests: x' }] } } }, 'template-instances', 'warn', '1 of 4 failed'],
    ['drift is amber', { metrics: { ok: true, value: { reconcileErrors: [], drift: [['q', 1]], queueDepth: 0, source: 'proxy' } } }, 'quota-drift', 'warn', '1 recount found usage off (corrected)'],
    ['unreachable metrics are unknown, not green', { metrics: { ok: false, message: 'connection refused' } }, 'reconcile-errors', 'unknown', 'Controller metrics unreachable'],
  ] as const)('%s', (_what, change, id, want, summary) => {
    const c = level({ ...healthy, ...change } as HealthFacts, id);
    expect([c.level, c.summary]).toEqual([want, summary]);
  });

  it('says when the leader is not one of the Deployment\'s pods', () => {
    const c = level({ ...healthy, lease: { ok: true, value: { holder: 'vm-5877', renewTime: '2026-11-30T05:59:58Z', durationSeconds: 15 } } }, 'leader');
    expect(c.detail).toContain('not one of the Deployment\'s pods');
  });

  it('the overall level is the worst one', () => {
    expect(overall(healthChecks({ ...healthy, metrics: { ok: false, message: 'x' } }))).toBe('unknown');
    expect(overall(healthChecks({ ...healthy, webhooks: { ok: true, value: [] }, metrics: { ok: false, message: 'x' } }))).toBe('fail');
  });
});
