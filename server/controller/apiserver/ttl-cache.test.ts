import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it.each([
    [999, 'v'],
    [1000, undefined],
  ])('after %i ms of a 1000 ms entry holds %s', (elapsed, want) => {
    let t = 0;
    const c = new TtlCache<string>(10, () => t);
    c.set('k', 'v', 1000);
    t = elapsed;
    expect(c.get('k')).toBe(want);
  });

  it('evicts the oldest entry beyond its size', () => {
    const c = new TtlCache<number>(2);
    c.set('a', 1, 1000);
    c.set('b', 2, 1000);
    c.set('c', 3, 1000);
    expect([c.get('a'), c.get('b'), c.get('c'), c.size]).toEqual([undefined, 2, 3, 2]);
  });

  it('shares one load between concurrent misses and caches per value', async () => {
    const c = new TtlCache<boolean>(10);
    let loads = 0;
    const load = async () => {
      loads++;
      return true;
    };
    const got = await Promise.all([c.getOrLoad('k', load, () => 1000), c.getOrLoad('k', load, () => 1000)]);
    expect(got).toEqual([true, true]);
    expect(loads).toBe(1);
    await c.getOrLoad('k', load, () => 1000);
    expect(loads).toBe(1);
  });

  it('does not cache a failed load', async () => {
    const c = new TtlCache<boolean>(10);
    await expect(c.getOrLoad('k', () => Promise.reject(new Error('boom')), () => 1000)).rejects.toThrow('boom');
    expect(await c.getOrLoad('k', async () => false, () => 1000)).toBe(false);
  });
});
