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
  it('sends what arrives in one turn together, runs up to `parallel` writes at once, and batches what arrives meanwhile', async () => {
    const { calls, write } = controlledWrites();
    const w = new BatchWriter<number>(write, undefined, 200, 2);
    const done = [0, 1, 2].map((i) => w.add(i));
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[0, 1, 2]]);
    done.push(w.add(3));
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[0, 1, 2], [3]]);
    done.push(w.add(4), w.add(5));
    await tick();
    expect(calls).toHaveLength(2);
    calls[0]!.finish();
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[0, 1, 2], [3], [4, 5]]);
    calls[1]!.finish();
    calls[2]!.finish();
    await expect(Promise.all(done)).resolves.toBeDefined();
  });

  it('callers a write released who write again at once go out together, not one of them first and alone', async () => {
    const sizes: number[] = [];
    const w = new BatchWriter<number>(async (items) => {
      sizes.push(items.length);
      await new Promise((r) => setTimeout(r, 1));
    }, undefined, 200, 1);
    // Four busy writers, each writing again as soon as its last write is done (as 16 request loops under load do).
    await Promise.all([0, 1, 2, 3].map(async (k) => {
      for (let j = 0; j < 5; j++) await w.add(k * 10 + j);
    }));
    expect(sizes).toEqual([4, 4, 4, 4, 4]);
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
