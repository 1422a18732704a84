interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: items that arrive while a write is in flight go into the next write together. Every insert takes the
 * chain head's row lock until it commits (one WAL flush), so one writer per process committing many rows at a time
 * is what keeps latency low when many requests record at once.
 */
export class BatchWriter<T> {
  private queue: Waiting<T>[] = [];
  private running = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    /** After a failed batch: true to retry its items one by one (the database is up, so one item is at fault). */
    private readonly isolateAfter: (err: unknown) => Promise<boolean> = async () => true,
    // Bounded so that one statement, which holds the chain head's lock, stays short.
    private readonly maxBatch = 200,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.write(batch.map((w) => w.item));
          batch.forEach((w) => w.resolve());
        } catch (err) {
          if (batch.length === 1 || !(await this.isolateAfter(err).catch(() => false))) {
            batch.forEach((w) => w.reject(err));
            continue;
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
    } finally {
      this.running = false;
    }
  }
}
