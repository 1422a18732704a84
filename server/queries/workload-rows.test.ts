import { describe, expect, it } from 'vitest';
import { parseQuantity, toLimitRangeRow, toPodRow, toQuotaRow, toWorkloadRows } from './workload-rows';

const meta = (name: string) => ({ name, creationTimestamp: '2026-01-01T00:00:00Z' });

describe('toPodRow', () => {
  it.each([
    ['running and ready', { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 0, state: { running: {} } }] }, 'Running', 'success', '1/1', 0],
    ['crash looping', { phase: 'Running', containerStatuses: [{ ready: false, restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }, 'CrashLoopBackOff', 'danger', '0/1', 7],
    ['pulling', { phase: 'Pending', containerStatuses: [{ ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }, 'ContainerCreating', 'warning', '0/1', 0],
    ['not scheduled yet', { phase: 'Pending' }, 'Pending', 'warning', '0/1', 0],
    ['finished', { phase: 'Succeeded', containerStatuses: [{ ready: false, restartCount: 1, state: { terminated: { reason: 'Completed' } } }] }, 'Succeeded', 'neutral', '0/1', 1],
  ])('%s', (_n, status, want, tone, ready, restarts) => {
    const row = toPodRow({ metadata: meta('p'), spec: { containers: [{ name: 'c' }] }, status });
    expect(row).toMatchObject({ status: want, tone, ready, restarts });
  });

  it('sums restarts over containers and shows Terminating while deleted', () => {
    const row = toPodRow({
      metadata: { ...meta('p'), deletionTimestamp: '2026-01-01T00:01:00Z' },
      spec: { containers: [{}, {}] },
      status: { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 2 }, { ready: true, restartCount: 3 }] },
    });
    expect(row).toMatchObject({ status: 'Terminating', restarts: 5, ready: '2/2' });
  });
});

describe('toWorkloadRows', () => {
  it('orders by kind then name and says how ready each is', () => {
    const rows = toWorkloadRows([
      { kind: 'StatefulSet', metadata: meta('db'), spec: { replicas: 3 }, status: { readyReplicas: 1 } },
      { kind: 'Deployment', metadata: meta('web'), spec: { replicas: 2 }, status: { readyReplicas: 2 } },
      { kind: 'Deployment', metadata: meta('idle'), spec: { replicas: 0 }, status: {} },
      { kind: 'Job', metadata: meta('migrate'), spec: { completions: 1 }, status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] } },
      { kind: 'Job', metadata: meta('broken'), spec: {}, status: { conditions: [{ type: 'Failed', status: 'True' }] } },
    ]);
    expect(rows.map((r) => [r.kind, r.name, r.ready, r.state])).toEqual([
      ['Deployment', 'idle', '0/0', 'Scaled to zero'],
      ['Deployment', 'web', '2/2', 'Available'],
      ['Job', 'broken', '0/1', 'Failed'],
      ['Job', 'migrate', '1/1', 'Complete'],
      ['StatefulSet', 'db', '1/3', 'Progressing'],
    ]);
  });
});

describe('toQuotaRow', () => {
  it('pairs used with hard and computes the share for the bar', () => {
    const row = toQuotaRow({ metadata: meta('q'), spec: { hard: { 'limits.cpu': '2' } }, status: { hard: { 'limits.cpu': '2', pods: '10' }, used: { 'limits.cpu': '500m', pods: '10' } } });
    expect(row.resources).toEqual([
      { resource: 'limits.cpu', used: '500m', hard: '2', fraction: 0.25 },
      { resource: 'pods', used: '10', hard: '10', fraction: 1 },
    ]);
  });
});

describe('toLimitRangeRow', () => {
  it('one line per type and resource', () => {
    const row = toLimitRangeRow({ metadata: meta('l'), spec: { limits: [{ type: 'Container', default: { cpu: '1' }, defaultRequest: { cpu: '500m', memory: '128Mi' } }] } });
    expect(row.limits).toEqual([
      { type: 'Container', resource: 'cpu', min: undefined, max: undefined, default: '1', defaultRequest: '500m' },
      { type: 'Container', resource: 'memory', min: undefined, max: undefined, default: undefined, defaultRequest: '128Mi' },
    ]);
  });
});

describe('parseQuantity', () => {
  it.each([
    ['2', 2], ['500m', 0.5], ['1Gi', 2 ** 30], ['128Mi', 128 * 2 ** 20], ['1k', 1000], ['1e3', 1000], ['0.5', 0.5], ['x', undefined], ['', undefined],
  ])('%s', (q, want) => {
    expect(parseQuantity(q)).toBe(want);
  });
});
