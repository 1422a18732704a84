import type { Logger } from '../runtime/logger';

/** Starts something that must work before requests are served, retrying (with a log line) until it does. */
export function startWithRetry(what: string, start: () => Promise<void>, log: Logger): Promise<void> {
  return new Promise((resolve) => {
    let delay = 1000;
    const attempt = () => start().then(resolve, (err: unknown) => {
      log.warn(`starting ${what} failed, retrying`, { error: String(err), retryInMs: delay });
      setTimeout(attempt, delay);
      delay = Math.min(delay * 2, 30_000);
    });
    attempt();
  });
}
