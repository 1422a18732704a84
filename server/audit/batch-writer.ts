interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: items that arrive while the writes in flight are busy go into the next write together, and up to
 * `parallel` writes run at once (the audit store runs one: see create-audit-store.ts). Writers of different
 * processes share no lock in the database (they commit into the inbox; the chain is linked after), so their commits
 * can share WAL flushes.
 */
export class BatchWriter<T> {
  private queue: Waiting<T>[] = [];
  private inFlight = 0;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    /** After a failed batch: true to retry its items one by one (the database is up, so one item is at fault). */
    private readonly isolateAfter: (err: unknown) => Promise<boolean> = async () => true,
    private readonly maxBatch = 200,
    private readonly parallel = 2,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pumpSoon();
    });
  }

  private pumpScheduled = false;

  /**
   * Sends once the current turn of the event loop is done, not at once: the callers a finished write just released
   * may write again right away (a busy request loop does), and a write sent at the first of them would carry that one
   * alone, leaving the others to the next. With 16 busy writers half the commits carried a single event that way.
   * Waiting for the turn to end costs microseconds.
   */
  private pumpSoon(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.parallel && this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pumpSoon();
      });
    }
  }

  private async run(batch: Waiting<T>[]): Promise<void> {
    try {
      await this.write(batch.map((w) => w.item));
      batch.forEach((w) => w.resolve());
    } catch (err) {
      if (batch.length === 1 || !(await this.isolateAfter(err).catch(() => false))) {
        batch.forEach((w) => w.reject(err));
        return;
      }
      // One bad item must not take the others down with it: each alone, so only the culprit fails.
      for (const w of batch) {
        try {
          await this.write([w.item]);
          w.resolve();
        } catch (e) {
          w.reject(e);
        }
      }
    }
  }
}
