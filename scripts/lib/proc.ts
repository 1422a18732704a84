import { spawn, type SpawnOptions } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { logDir, root, runDir } from './paths';

/** Runs a command to completion, streaming nothing; rejects with its output on failure. */
export function run(cmd: string, args: string[], opts: SpawnOptions & { onLine?: (line: string) => void; input?: string } = {}) {
  return new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    let stdout = '';
    let stderr = '';
    let partial = '';
    const lines = (chunk: string) => {
      if (!opts.onLine) return;
      partial += chunk;
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      parts.forEach(opts.onLine);
    };
    child.stdout!.on('data', (d) => { stdout += d; lines(String(d)); });
    child.stderr!.on('data', (d) => { stderr += d; lines(String(d)); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${stderr.slice(-4000)}`));
    });
  });
}

const pidFile = (name: string) => path.join(runDir, `${name}.pid`);
export const logFile = (name: string) => path.join(logDir, `${name}.log`);

export function pidOf(name: string): number | undefined {
  if (!existsSync(pidFile(name))) return undefined;
  const pid = Number(readFileSync(pidFile(name), 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    rmSync(pidFile(name), { force: true });
    return undefined;
  }
}

/** Starts a long-running process in its own process group, logging to .atrium/logs/<name>.log. */
export function startDaemon(name: string, cmd: string, args: string[], env: Record<string, string> = {}): number {
  mkdirSync(logDir, { recursive: true });
  mkdirSync(runDir, { recursive: true });
  const out = openSync(logFile(name), 'a');
  const child = spawn(cmd, args, { cwd: root, detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...env } });
  closeSync(out);
  child.unref();
  writeFileSync(pidFile(name), String(child.pid));
  return child.pid!;
}

/** SIGTERM to the daemon's process group, SIGKILL after the grace period. */
export async function stopDaemon(name: string, graceMs = 20_000): Promise<boolean> {
  const pid = pidOf(name);
  if (!pid) return false;
  const signal = (sig: NodeJS.Signals) => {
    try { process.kill(-pid, sig); } catch { /* already gone */ }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pidOf(name)) await sleep(200);
  if (pidOf(name)) signal('SIGKILL');
  while (pidOf(name)) await sleep(100);
  rmSync(pidFile(name), { force: true });
  return true;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until check() is truthy; fails with the tail of the daemon's log so the cause is visible. */
export async function waitFor(what: string, check: () => Promise<boolean>, opts: { timeoutMs: number; log?: string; alive?: () => boolean }) {
  const deadline = Date.now() + opts.timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    if (opts.alive && !opts.alive()) break;
    await sleep(250);
  }
  const tail = opts.log && existsSync(opts.log) ? readFileSync(opts.log, 'utf8').split('\n').slice(-30).join('\n') : '';
  throw new Error(`${what} did not become ready${tail ? `; last lines of ${opts.log}:\n${tail}` : ''}`);
}
