import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '@/server/audit';
import { QuotaDenialCounter } from './quota-denial-counter';

const t0 = Date.UTC(2026, 10, 30, 10, 0, 0);
let counter: QuotaDenialCounter | undefined;
afterEach(() => counter?.stop());

function setup() {
  let now = t0 + 5_000;
  const recorded: AuditEventInput[] = [];
  counter = new QuotaDenialCounter('replica-a', () => now, (e) => recorded.push(e));
  return { counter, recorded, at: (ms: number) => (now = t0 + ms) };
}

describe('QuotaDenialCounter', () => {
  it('records one event per account, resource and minute with the count, after the minute ends', () => {
    const { counter, recorded, at } = setup();
    for (let i = 0; i < 50; i++) counter.add('team-a', 'pods', `pods "p${i}" is forbidden: exceeded quota`);
    counter.add('team-a', 'services', 'services "s" is forbidden');
    counter.add('team-b', 'pods', 'pods "q" is forbidden');
    at(30_000);
    counter.flush();
    expect(recorded).toEqual([]);
    at(61_000);
    counter.add('team-a', 'pods', 'next minute');
    counter.flush();
    expect(recorded.map((e) => [e.target?.account, e.summary?.resource, e.summary?.count])).toEqual([
      ['team-a', 'pods', 50], ['team-a', 'services', 1], ['team-b', 'pods', 1],
    ]);
    expect(recorded[0]).toMatchObject({
      requestId: 'quota-denials:replica-a:team-a:pods:2026-11-30T10:00:00.000Z', source: 'controller', action: 'accountquota.denied',
      outcome: 'denied', message: 'pods "p49" is forbidden: exceeded quota', at: new Date(t0),
      summary: { from: '2026-11-30T10:00:00.000Z', to: '2026-11-30T10:01:00.000Z', replica: 'replica-a' },
    });
    counter.stop();
    expect(recorded.map((e) => e.message)).toContain('next minute');
  });
});
