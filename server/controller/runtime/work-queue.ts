/**
 * A keyed work queue in the shape of client-go's: a key is queued at most once,
 * never processed by two workers at once, re-queued if it changed while being
 * processed, and retried with per-key exponential back-off after an error (so
 * an API server answering 429/5xx is not hammered).
 */
export interface WorkQueueOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  onDepth?: (depth: number) => void;
}

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly dirtyWhileProcessing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private waiters: (() => void)[] = [];
  private shuttingDown = false;

  constructor(private readonly opts: WorkQueueOptions = {}) {}

  add(key: string): void {
    if (this.shuttingDown) return;
    if (this.processing.has(key)) {
      this.dirtyWhileProcessing.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.opts.onDepth?.(this.queue.length);
    this.waiters.shift()?.();
  }

  /** Re-queues after an error, with exponential back-off per key. */
  addRateLimited(key: string): void {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    this.addAfter(key, Math.min((this.opts.baseDelayMs ?? 50) * 2 ** (n - 1), this.opts.maxDelayMs ?? 60_000));
  }

  addAfter(key: string, delayMs: number): void {
    if (this.shuttingDown || this.timers.has(key)) return;
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, delayMs).unref());
  }

  /** Forgets the back-off of a key after it was processed successfully. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  retries(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** The next key, or undefined once the queue is shut down. */
  async get(): Promise<string | undefined> {
    while (this.queue.length === 0) {
      if (this.shuttingDown) return undefined;
      await new Promise<void>((r) => this.waiters.push(r));
    }
    const key = this.queue.shift()!;
    this.queued.delete(key);
    this.processing.add(key);
    this.opts.onDepth?.(this.queue.length);
    return key;
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirtyWhileProcessing.delete(key)) this.add(key);
  }

  get isShutDown(): boolean {
    return this.shuttingDown;
  }

  get length(): number {
    return this.queue.length;
  }

  shutDown(): void {
    this.shuttingDown = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.waiters.forEach((w) => w());
    this.waiters = [];
  }
}
