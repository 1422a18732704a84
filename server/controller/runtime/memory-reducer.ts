import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from './logger';
import { metrics } from './metrics';
import { msSinceServing } from './serving-activity';

type GcFunction = (options: { type: 'major'; execution: 'async'; flavor: 'last-resort' }) => Promise<void>;

const CHECK_MS = 10_000;
const GROWTH_BYTES = 32 * 2 ** 20;
/** Quiet time (no webhook or API request) before a reduction, and the least time between two. */
const QUIET_MS = 15_000;
const MIN_INTERVAL_MS = 60_000;
const MiB = (n: number) => Math.round(n / 2 ** 20);

/**
 * Gives memory back after a burst. V8 keeps the pages a shrinking heap frees in
 * a pool, resident, until a memory-reducing GC; its memory reducer would run one
 * when the process is idle, but it judges idleness by the allocation rate of the
 * last GC cycles — those of the burst — so in Node it never does. After a list
 * of 10,000 namespaces or a burst of pod events the controller kept 130-150 MiB
 * of such pages. Every 10 s, once the heap has stopped growing (the burst is
 * over) and the resident size is more than 32 MiB above its lowest since the
 * last reduction, this runs one memory-reducing GC (a full GC: 0.1-0.3 s on the
 * dev machine, once per burst); growth that is live data stays and becomes the
 * new reference, so a steady controller is not collected again.
 *
 * The GC blocks the event loop: 0.1-0.3 s on an idle dev machine, but 1.4-2.9 s on a busy one, long enough for
 * webhook calls to break (the API server gives them 5 s and fails the request). So it runs only after 15 s without
 * a webhook or API request, and at most once a minute.
 */
export function startMemoryReducer(log: Logger): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as GcFunction;
  setFlagsFromString('--no-expose-gc');
  let reference = process.memoryUsage.rss();
  // Committed heap only changes at GCs: it grows during a burst and stays or shrinks after it.
  let lastHeap = process.memoryUsage().heapTotal;
  let running = false;
  // Not in the first minute: the caches' initial lists are growth that stays, and a replica that has just started
  // (a rollout, a new leader candidate) must not stall its event loop while it syncs and takes over.
  let lastRun = performance.now();
  const timer = setInterval(() => {
    const heap = process.memoryUsage().heapTotal;
    const growing = heap > lastHeap;
    lastHeap = heap;
    const before = process.memoryUsage.rss();
    // the reference is the lowest resident size since the last reduction: a process that shrank on its own and then grows again is reduced too
    if (!running) reference = Math.min(reference, before);
    if (running || growing || before - reference < GROWTH_BYTES) return;
    if (msSinceServing() < QUIET_MS || performance.now() - lastRun < MIN_INTERVAL_MS) return;
    running = true;
    lastRun = performance.now();
    const started = performance.now();
    void gc({ type: 'major', execution: 'async', flavor: 'last-resort' }).finally(() => {
      running = false;
      reference = process.memoryUsage.rss();
      lastHeap = process.memoryUsage().heapTotal;
      metrics.memoryReductions.inc();
      log.info('memory-reducing GC after growth', { rssBeforeMiB: MiB(before), rssAfterMiB: MiB(reference), ms: Math.round(performance.now() - started) });
    });
  }, CHECK_MS).unref();
  return () => clearInterval(timer);
}
