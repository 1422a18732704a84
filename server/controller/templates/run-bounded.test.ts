import { describe, expect, it } from 'vitest';
import { runBounded } from './run-bounded';

const node = process.execPath;
const opts = { timeoutMs: 5000, maxOutputBytes: 1024 };

describe('runBounded', () => {
  it('returns stdout', async () => {
    await expect(runBounded(node, ['-e', 'process.stdout.write("hello")'], opts)).resolves.toBe('hello');
  });

  it('passes arguments without a shell', async () => {
    await expect(runBounded(node, ['-e', 'process.stdout.write(process.argv[1])', '$(echo no); rm -rf /'], opts)).resolves.toBe('$(echo no); rm -rf /');
  });

  it('reports the exit code and stderr', async () => {
    await expect(runBounded(node, ['-e', 'console.error("bad chart"); process.exit(3)'], opts)).rejects.toThrow(/exited with code 3: bad chart/);
  });

  it('kills a process that runs too long', async () => {
    await expect(runBounded(node, ['-e', 'setTimeout(() => {}, 60000)'], { ...opts, timeoutMs: 300 })).rejects.toThrow(/timed out after 0 s and was stopped/);
  });

  it('kills a process that prints too much', async () => {
    await expect(runBounded(node, ['-e', 'setInterval(() => process.stdout.write("x".repeat(512)), 1)'], opts)).rejects.toThrow(/printed more than 1024 bytes and was stopped/);
  });

  it('says when the program does not exist', async () => {
    await expect(runBounded('/nonexistent/helm', [], opts)).rejects.toThrow('cannot run /nonexistent/helm: not found');
  });
});
