import { describe, expect, it } from 'vitest';
import { WorkQueue } from './work-queue';

describe('WorkQueue', () => {
  it('deduplicates keys that are waiting', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('a');
    q.add('b');
    expect(q.length).toBe(2);
    expect(await q.get()).toBe('a');
    expect(await q.get()).toBe('b');
  });

  it('never hands out a key that is being processed, and re-queues it if it changed meanwhile', async () => {
    const q = new WorkQueue();
    q.add('a');
    const key = await q.get();
    q.add('a');
    expect(q.length).toBe(0);
    q.done(key!);
    expect(q.length).toBe(1);
    expect(await q.get()).toBe('a');
  });

  it.each([
    [1, 10],
    [2, 20],
    [3, 40],
    [10, 1000],
  ])('backs off exponentially: failure %i waits about %i ms', async (failures, expected) => {
    const q = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 1000 });
    for (let i = 1; i < failures; i++) q['failures'].set('k', i);
    const started = Date.now();
    q.addRateLimited('k');
    await q.get();
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(expected - 5);
    expect(waited).toBeLessThan(expected + 200);
    q.shutDown();
  });

  it('forgets the back-off after success', () => {
    const q = new WorkQueue();
    q.addRateLimited('k');
    expect(q.retries('k')).toBe(1);
    q.forget('k');
    expect(q.retries('k')).toBe(0);
    q.shutDown();
  });

  it('releases waiting workers on shutdown', async () => {
    const q = new WorkQueue();
    const pending = q.get();
    q.shutDown();
    expect(await pending).toBeUndefined();
  });
});
