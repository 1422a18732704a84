import { describe, expect, it } from 'vitest';
import { ChainLinker, KICK_DELAY_MS, LINK_BATCH } from './chain-linker';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('ChainLinker', () => {
  it('a call made while a pass runs gets a pass of its own after it (that pass may have missed its rows), shared by every such call', async () => {
    const passes: ((n: number) => void)[] = [];
    const linker = new ChainLinker(() => new Promise<number>((resolve) => passes.push(resolve)), () => undefined);
    const first = linker.linkNow();
    await tick();
    const second = linker.linkNow();
    const third = linker.linkNow();
    expect(third).toBe(second);
    await tick();
    expect(passes).toHaveLength(1);
    passes[0]!(3);
    expect(await first).toBe(3);
    await tick();
    expect(passes).toHaveLength(2);
    passes[1]!(2);
    expect(await second).toBe(2);
  });

  it('repeats while the inbox gave a full batch, and reports a failure to the caller (a kick, shortly after, only logs it)', async () => {
    const answers = [LINK_BATCH, LINK_BATCH, 5];
    const linker = new ChainLinker(async () => answers.shift()!, () => undefined);
    expect(await linker.linkNow()).toBe(2 * LINK_BATCH + 5);

    const logged: string[] = [];
    const failing = new ChainLinker(async () => {
      throw new Error('connection refused');
    }, (m) => logged.push(m));
    await expect(failing.linkNow()).rejects.toThrow('connection refused');
    failing.kick();
    failing.kick();
    await new Promise((r) => setTimeout(r, KICK_DELAY_MS * 3));
    // Two kicks in a row are one pass.
    expect(logged).toEqual(['audit: linking the chain failed (events wait in audit_inbox): connection refused']);
  });

  it('once stopped, a kick starts no pass (the closing store links what is left itself), and a pending one is cancelled', async () => {
    let passes = 0;
    const linker = new ChainLinker(async () => {
      passes++;
      return 0;
    }, () => undefined);
    linker.kick();
    linker.stop();
    linker.kick();
    await new Promise((r) => setTimeout(r, KICK_DELAY_MS * 3));
    expect(passes).toBe(0);
    expect(await linker.linkNow()).toBe(0);
    expect(passes).toBe(1);
  });
});
