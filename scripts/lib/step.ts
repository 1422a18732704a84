/** Progress output for long scripts: every step says what it does and how long it took. */
export async function step<T>(title: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  console.log(`==> ${title}`);
  const result = await fn();
  console.log(`    done in ${seconds(started)}`);
  return result;
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

export function info(message: string): void {
  console.log(`    ${message}`);
}
