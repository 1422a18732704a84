import { describe, expect, it } from 'vitest';
import { BatchWriter } from './batch-writer';

/** A write that finishes when the test says so, recording what it was given. */
function controlledWrites() {
  const calls: { items: number[]; finish: (err?: Error) => void }[] = [];
  const write = (items: number[]) => new Promise<void>((resolve, reject) => {
    calls.push({ items, finish: (err) => (err ? reject(err) : resolve()) });
  });
  return { calls, write };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('BatchWriter', () => {
  it('runs up to `parallel` writes at once and puts what arrives meanwhile into the next write together', async () => {
    const { calls, write } = controlledWrites();
    const w = new BatchWriter<number>(write, undefined, 200, 2);
    const done = Array.from({ length: 6 }, (_, i) => w.add(i));
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[0], [1]]);
    calls[0]!.finish();
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[0], [1], [2, 3, 4, 5]]);
    calls[1]!.finish();
    calls[2]!.finish();
    await expect(Promise.all(done)).resolves.toBeDefined();
  });

  it('after a failed batch, retries its items one by one so only the culprit fails', async () => {
    const w = new BatchWriter<number>(async (items) => {
      if (items.includes(13)) throw new Error('bad item 13');
    }, undefined, 200, 1);
    const first = w.add(1);
    const rest = [12, 13, 14].map((i) => w.add(i));
    await first;
    const results = await Promise.allSettled(rest);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
