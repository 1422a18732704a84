/**
 * Rows one linker transaction moves at most; a pass repeats until the inbox had fewer. Small enough that a read
 * waiting for a pass during a burst of writes waits tens of milliseconds, not seconds.
 */
export const LINK_BATCH = 500;
/** How long a kick waits for more writes to link with. */
export const KICK_DELAY_MS = 25;

/**
 * Moves committed inbox rows into the hash chain (the database's `audit_link_inbox()`, one linker at a time across
 * all processes): in the background after every write, on the store's timer (the sweep that links what a process
 * that died after its commit left behind), and before the chain is read or verified.
 */
export class ChainLinker {
  private current: Promise<number> | undefined;
  private next: Promise<number> | undefined;

  constructor(
    private readonly linkBatch: (max: number) => Promise<number>,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Resolves, with how many rows it moved, once every row committed to the inbox before this call is in the chain.
   * A pass already under way may have looked at the inbox before the caller's rows were committed, so a call made
   * during a pass waits for one more (shared by every call made meanwhile).
   */
  linkNow(): Promise<number> {
    if (this.next) return this.next;
    if (!this.current) return this.start();
    this.next = this.current.catch(() => 0).then(() => {
      this.next = undefined;
      return this.start();
    });
    return this.next;
  }

  private kicked: NodeJS.Timeout | undefined;
  private stopped = false;

  /**
   * linkNow soon, without waiting: writes that land within KICK_DELAY_MS share one linker transaction (one WAL flush
   * and one pass over audit_event's indexes for all of them, not one per write). A failure is logged, and the next
   * write or sweep tries again.
   */
  kick(): void {
    if (this.stopped) return;
    this.kicked ??= setTimeout(() => {
      this.kicked = undefined;
      this.linkNow().catch((err: unknown) => this.log(`audit: linking the chain failed (events wait in audit_inbox): ${err instanceof Error ? err.message : err}`));
    }, KICK_DELAY_MS);
    this.kicked.unref?.();
  }

  /**
   * No more kicks: the store is closing and links what is left itself. A kick left pending would fire after the
   * connection is gone and log a failure that is not one (the sweep of any process links such rows).
   */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.kicked);
    this.kicked = undefined;
  }

  private start(): Promise<number> {
    const p: Promise<number> = this.drain().finally(() => {
      if (this.current === p) this.current = undefined;
    });
    this.current = p;
    return p;
  }

  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.linkBatch(LINK_BATCH);
      total += n;
      if (n < LINK_BATCH) return total;
    }
  }
}
