import { describe, expect, it } from 'vitest';
import type { TemplateInstanceObject, TemplateInstanceStatus } from '@/server/kube';
import { failureBackoffMs, nextInstanceStep, type InstanceMemory } from './next-instance-step';

const ti = (status: TemplateInstanceStatus | undefined, sync = false, generation = 1): TemplateInstanceObject => ({
  metadata: { name: 'app', namespace: 'dev', uid: 'u1', generation }, spec: { template: 't', sync }, status,
});
const deployed = (rv: string): TemplateInstanceStatus => ({ status: 'Deployed', templateResourceVersion: rv });
const failed: TemplateInstanceStatus = { status: 'Failed', reason: 'ApplyManifests' };
const memory = (extra: Partial<InstanceMemory> = {}): InstanceMemory => ({ uid: 'u1', generation: 1, templateResourceVersion: '5', failures: 1, ...extra });
const NOW = 1_000_000;

describe('nextInstanceStep', () => {
  it.each<[string, TemplateInstanceObject, string | undefined, InstanceMemory | undefined, ReturnType<typeof nextInstanceStep>]>([
    ['pending deploys', ti(undefined), '5', undefined, { kind: 'deploy', onlyIfChanged: false }],
    ['pending with empty status deploys', ti({ status: '' }), '5', undefined, { kind: 'deploy', onlyIfChanged: false }],
    ['Deployed without sync stays, even when the Template changed', ti(deployed('4')), '5', undefined, { kind: 'skip' }],
    ['Deployed with sync re-applies a changed Template', ti(deployed('4'), true), '5', undefined, { kind: 'deploy', onlyIfChanged: false }],
    ['Deployed with sync whose Template is gone reports it', ti(deployed('4'), true), undefined, undefined, { kind: 'deploy', onlyIfChanged: false }],
    ['Deployed with sync, same Template, already checked', ti(deployed('5'), true), '5', memory({ failures: 0 }), { kind: 'skip' }],
    ['Deployed with sync, same Template, new spec: compare first', ti(deployed('5'), true, 2), '5', memory({ failures: 0 }), { kind: 'deploy', onlyIfChanged: true }],
    ['Deployed with sync after a restart: compare first', ti(deployed('5'), true), '5', undefined, { kind: 'deploy', onlyIfChanged: true }],
    ['Failed waits for its back-off', ti(failed), '5', memory({ retryAt: NOW + 4000 }), { kind: 'wait', ms: 4000 }],
    ['Failed retries once the back-off passed', ti(failed), '5', memory({ retryAt: NOW - 1 }), { kind: 'deploy', onlyIfChanged: false }],
    ['Failed retries at once when the Template changed', ti(failed), '6', memory({ retryAt: NOW + 4000 }), { kind: 'deploy', onlyIfChanged: false }],
    ['Failed retries at once when the spec changed', ti(failed, false, 2), '5', memory({ retryAt: NOW + 4000 }), { kind: 'deploy', onlyIfChanged: false }],
    ['Failed retries at once for a re-created instance', ti(failed), '5', memory({ uid: 'old', retryAt: NOW + 4000 }), { kind: 'deploy', onlyIfChanged: false }],
  ])('%s', (_, instance, templateRv, mem, expected) => {
    expect(nextInstanceStep(instance, templateRv, mem, NOW)).toEqual(expected);
  });
});

describe('failureBackoffMs', () => {
  it.each([[1, 5_000], [2, 10_000], [4, 40_000], [7, 300_000], [50, 300_000]])('after %i failures waits %i ms', (n, ms) => {
    expect(failureBackoffMs(n)).toBe(ms);
  });
});
