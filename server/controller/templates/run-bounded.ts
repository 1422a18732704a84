import { spawn } from 'node:child_process';

export interface RunBoundedOptions {
  timeoutMs: number;
  /** stdout beyond this kills the process: a runaway chart must not exhaust the controller's memory. */
  maxOutputBytes: number;
  cwd?: string;
  /** The child's whole environment; this process's when unset. */
  env?: NodeJS.ProcessEnv;
}

const STDERR_TAIL_BYTES = 4096;

/**
 * Runs a program to completion and returns its stdout, killing it when it runs too long or prints too much.
 * Arguments are passed as a vector, never through a shell, so template values cannot inject commands.
 * @throws Error saying which bound was hit, or the exit code with the tail of stderr.
 */
export function runBounded(cmd: string, args: readonly string[], opts: RunBoundedOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    let stopped: string | undefined;
    const stop = (why: string) => {
      if (stopped) return;
      stopped = why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(`timed out after ${Math.round(opts.timeoutMs / 1000)} s`), opts.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > opts.maxOutputBytes) stop(`printed more than ${formatBytes(opts.maxOutputBytes)}`);
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(err.code === 'ENOENT' ? `cannot run ${cmd}: not found` : `cannot run ${cmd}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (stopped) reject(new Error(`${cmd} ${stopped} and was stopped`));
      else if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`${cmd} exited with code ${code}: ${stderr.trim() || 'no error output'}`));
    });
  });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / 1024 / 1024} MiB` : `${n} bytes`;
}
