// Prints the dev control plane's figures: build time, start-to-ready, memory.
// Not a test: numbers to compare between changes.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { buildStatsFile, ensureDevclusterBuilt } from '../scripts/lib/devcluster';
import { devclusterBin } from '../scripts/lib/paths';
import { pidOf } from '../scripts/lib/proc';
import { rssMiB } from './stats';

/** Starts a devcluster in dataDir and resolves when it prints its ready line. */
function startAndTime(dataDir: string, port: number): Promise<{ seconds: number; pid: number; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(devclusterBin, ['--data-dir', dataDir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'ignore'] });
    const stop = () => new Promise<void>((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); });
    child.stdout.on('data', (d: Buffer) => {
      if (String(d).includes('devcluster ready')) resolve({ seconds: (performance.now() - started) / 1000, pid: child.pid!, stop });
    });
    child.once('exit', (code) => reject(new Error(`devcluster exited with ${code} before it was ready`)));
  });
}

await ensureDevclusterBuilt();
if (existsSync(buildStatsFile)) {
  const s = JSON.parse(readFileSync(buildStatsFile, 'utf8'));
  console.log(`devcluster+kubectl+helm last real build: ${s.seconds.toFixed(0)} s (${s.at}, ${s.goVersion}; cold only on a fresh Go cache)`);
} else {
  console.log('devcluster build time: not recorded (binaries came from the cache)');
}

const dir = mkdtempSync(path.join(tmpdir(), 'atrium-bench-'));
try {
  const fresh = await startAndTime(dir, 18443);
  console.log(`start to ready, fresh data dir: ${fresh.seconds.toFixed(2)} s`);
  await new Promise((r) => setTimeout(r, 15_000)); // let controllers settle before reading memory
  const m = rssMiB(fresh.pid);
  console.log(`resident memory, idle control plane: ${m.rss.toFixed(0)} MiB (peak ${m.peak.toFixed(0)} MiB)`);
  await fresh.stop();
  const restart = await startAndTime(dir, 18443);
  console.log(`start to ready, existing data dir: ${restart.seconds.toFixed(2)} s`);
  await restart.stop();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const running = pidOf('devcluster');
if (running) {
  const m = rssMiB(running);
  console.log(`resident memory, the running dev cluster (after tests): ${m.rss.toFixed(0)} MiB (peak ${m.peak.toFixed(0)} MiB)`);
}
