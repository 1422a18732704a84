import { describe, expect, it } from 'vitest';
import { Controller } from './controller';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe('Controller', () => {
  it('reconciles again after it lost and regained leadership (stop, then start)', async () => {
    const seen: string[] = [];
    const c = new Controller({ name: 'test', log: quiet, reconcile: async (k) => void seen.push(k) });
    c.start();
    c.enqueue('a');
    await new Promise((r) => setTimeout(r, 20));
    await c.stop();
    c.start();
    c.enqueue('b');
    await new Promise((r) => setTimeout(r, 20));
    await c.stop();
    expect(seen).toEqual(['a', 'b']);
  });

  it('retries a failed key with back-off until it succeeds', async () => {
    let calls = 0;
    const c = new Controller({ name: 'flaky', log: quiet, reconcile: async () => {
      calls++;
      if (calls < 3) throw new Error('API server said 500');
    } });
    c.start();
    c.enqueue('k');
    await new Promise((r) => setTimeout(r, 600));
    await c.stop();
    expect(calls).toBe(3);
  });
});
