import { KubeApiError } from '@/server/kube';
import type { Logger } from './logger';
import { metrics } from './metrics';
import { WorkQueue } from './work-queue';

/** What a reconcile asks of the queue afterwards. */
export type ReconcileResult = void | { requeueAfterMs: number };

export interface ControllerOptions {
  name: string;
  workers?: number;
  reconcile: (key: string) => Promise<ReconcileResult>;
  log: Logger;
}

/**
 * One reconciler: a work queue fed by informer events and N workers that call
 * an idempotent reconcile(key). Errors re-queue with back-off; 429 answers
 * honour the server's Retry-After.
 */
export class Controller {
  queue: WorkQueue;
  private running = false;
  private workers: Promise<void>[] = [];

  constructor(private readonly o: ControllerOptions) {
    this.queue = this.newQueue();
  }

  private newQueue(): WorkQueue {
    return new WorkQueue({ baseDelayMs: 100, maxDelayMs: 120_000, onDepth: (d) => metrics.queueDepth.set({ controller: this.o.name }, d) });
  }

  enqueue(key: string): void {
    this.queue.add(key);
  }

  /** Starts the workers; after a stop (lost leadership) with a fresh queue, since the old one is shut down. */
  start(): void {
    if (this.running) return;
    if (this.queue.isShutDown) this.queue = this.newQueue();
    this.running = true;
    for (let i = 0; i < (this.o.workers ?? 2); i++) this.workers.push(this.work());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.queue.shutDown();
    await Promise.all(this.workers);
    this.workers = [];
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      const end = metrics.reconcileSeconds.startTimer({ controller: this.o.name });
      try {
        const result = await this.o.reconcile(key);
        this.queue.forget(key);
        metrics.reconciles.inc({ controller: this.o.name, result: 'ok' });
        if (result && this.running) this.queue.addAfter(key, result.requeueAfterMs);
      } catch (err) {
        const conflict = err instanceof KubeApiError && err.code === 409;
        metrics.reconciles.inc({ controller: this.o.name, result: conflict ? 'conflict' : 'error' });
        // A conflict only means our cached copy was stale; the retry reads the new one.
        if (!conflict) this.o.log.warn('reconcile failed', { controller: this.o.name, key, retries: this.queue.retries(key), error: errorText(err) });
        if (!this.running) continue;
        if (err instanceof KubeApiError && err.code === 429) this.queue.addAfter(key, 2000);
        else this.queue.addRateLimited(key);
      } finally {
        end();
        this.queue.done(key);
      }
    }
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
