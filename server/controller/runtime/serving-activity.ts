/**
 * When this replica last answered a webhook or tenancy API request. Work that blocks the event loop for a while
 * (a memory-reducing GC) waits until the replica has been quiet, so it never stalls an admission: the API server
 * gives a webhook 5 s, and a busy 2-CPU node made such a GC take 1.4-2.9 s.
 */
let lastRequest = 0;

export function noteServing(): void {
  lastRequest = performance.now();
}

export function msSinceServing(): number {
  return performance.now() - lastRequest;
}
