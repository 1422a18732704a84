import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from '@/scripts/lib/paths';

export interface Stage { from: string; name?: string; lines: string[] }

/** Dockerfile instructions (continuations joined, comments dropped), split into stages. */
export function parseDockerfile(text: string): Stage[] {
  const joined = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of joined) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ from: from[1]!, name: from[2], lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

export const readDockerfile = (file: string) => parseDockerfile(readFileSync(path.join(root, file), 'utf8'));

/**
 * The final stage of a Dockerfile, to run in a bubblewrap sandbox: its COPY lines (sources mapped from build stages
 * to where this checkout built the same files), ENV, USER, WORKDIR and ENTRYPOINT, as given. The base image is this machine's Debian libraries and the Node 24 binary from npm, at the paths the
 * node image has them.
 */
export function imageOf(file: string, fromStage: Record<string, (src: string) => string>) {
  const final = readDockerfile(file).at(-1)!;
  const binds: [string, string][] = [];
  const env: Record<string, string> = {};
  let user = '';
  let workdir = '/';
  let entrypoint: string[] = [];
  for (const line of final.lines) {
    const [kw, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (kw === 'COPY') {
      const m = /^--from=(\S+)\s+(\S+)\s+(\S+)$/.exec(args);
      if (!m) throw new Error(`${file}: unsupported COPY: ${line}`);
      const map = fromStage[m[1]!];
      if (!map) throw new Error(`${file}: no local source for stage ${m[1]}`);
      binds.push([map(m[2]!.replace(/\/$/, '')), m[3]!.replace(/\/$/, '')]);
    } else if (kw === 'ENV') {
      for (const [, k, v] of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[k!] = v!.replace(/^"|"$/g, '');
    } else if (kw === 'USER') user = args;
    else if (kw === 'WORKDIR') workdir = args;
    else if (kw === 'ENTRYPOINT') entrypoint = JSON.parse(args);
  }
  const [uid, gid] = user.split(':');
  return { binds, env, uid: uid!, gid: gid ?? uid!, workdir, entrypoint };
}

export interface PodVolume { mountPath: string; readOnly?: boolean; emptyDir?: boolean; files?: Record<string, string> }

export interface Sandbox { process: ChildProcess; output: () => string; stop: () => Promise<void>; exec: (args: string[], env?: Record<string, string>) => Promise<{ code: number; out: string }> }

/**
 * Runs the image as the chart's pod spec does: the image's uid, a read-only root, the pod's volumes (emptyDirs
 * writable, Secrets and ConfigMaps read-only) and its environment. The network is the host's: the dev cluster's
 * API server stands in for the in-cluster one.
 */
export function runImage(image: ReturnType<typeof imageOf>, volumes: PodVolume[], podEnv: Record<string, string>): Sandbox {
  const scratch = mkdtempSync(path.join(tmpdir(), 'atrium-pod-'));
  // The image's own files, copied in COPY order as the builder layers them, then mounted read-only.
  const rootfs = path.join(scratch, 'rootfs');
  for (const [src, dest] of image.binds) {
    mkdirSync(path.dirname(path.join(rootfs, dest)), { recursive: true });
    cpSync(src, path.join(rootfs, dest), { recursive: true, verbatimSymlinks: true });
  }
  // The node binary of the base image: a mount point here, npm's Node 24 on top.
  mkdirSync(path.join(rootfs, 'usr/local/bin'), { recursive: true });
  writeFileSync(path.join(rootfs, 'usr/local/bin/node'), '');
  // Mount points of the pod's volumes inside the image's folders (the container runtime makes them).
  for (const v of volumes) if (existsSync(path.join(rootfs, v.mountPath.split('/')[1]!))) mkdirSync(path.join(rootfs, v.mountPath), { recursive: true });
  const base = ['--unshare-user', '--unshare-pid', '--uid', image.uid, '--gid', image.gid, '--die-with-parent',
    '--ro-bind', '/usr/lib', '/usr/lib', '--ro-bind', '/usr/lib64', '/usr/lib64', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64',
    '--ro-bind', '/etc/hosts', '/etc/hosts', '--ro-bind', '/etc/resolv.conf', '/etc/resolv.conf',
    '--proc', '/proc', '--dev', '/dev'];
  const mounts: string[] = [];
  for (const top of readdirSync(rootfs)) {
    if (top === 'usr') mounts.push('--ro-bind', path.join(rootfs, 'usr/local'), '/usr/local');
    else mounts.push('--ro-bind', path.join(rootfs, top), `/${top}`);
  }
  mounts.push('--ro-bind', path.join(root, 'node_modules/node/bin/node'), '/usr/local/bin/node');
  volumes.forEach((v, i) => {
    const dir = path.join(scratch, 'volumes', String(i));
    mkdirSync(dir, { recursive: true, mode: 0o777 });
    for (const [name, content] of Object.entries(v.files ?? {})) writeFileSync(path.join(dir, name), content, { mode: 0o644 });
    mounts.push(v.emptyDir && !v.readOnly ? '--bind' : '--ro-bind', dir, v.mountPath);
  });
  const env = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...image.env, ...podEnv };
  const envArgs = (extra: Record<string, string> = {}) => Object.entries({ ...env, ...extra }).flatMap(([k, v]) => ['--setenv', k, v]);
  const sandbox = (cmd: string[], extra?: Record<string, string>) => ['bwrap', ...base, ...mounts, '--remount-ro', '/', '--chdir', image.workdir, '--clearenv', ...envArgs(extra), '--', ...cmd];
  const [cmd, ...args] = sandbox(image.entrypoint);
  const child = spawn(cmd!, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return {
    process: child,
    output: () => out,
    stop: async () => {
      const running = () => child.exitCode === null && child.signalCode === null;
      // bwrap and what runs in it form one process group (detached).
      const signal = (sig: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, sig);
        } catch {
          // already gone
        }
      };
      if (running()) {
        const exited = new Promise((r) => child.once('exit', r));
        signal('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (running()) signal('SIGKILL');
      }
      rmSync(scratch, { recursive: true, force: true });
    },
    // Another process in the same filesystem view, e.g. to prove what is writable.
    exec: (cmdArgs, extra) => new Promise((resolve) => {
      const [c, ...a] = sandbox(cmdArgs, extra);
      const p = spawn(c!, a, { stdio: ['ignore', 'pipe', 'pipe'] });
      let o = '';
      p.stdout.on('data', (d) => (o += d));
      p.stderr.on('data', (d) => (o += d));
      p.on('close', (code) => resolve({ code: code ?? -1, out: o }));
    }),
  };
}
