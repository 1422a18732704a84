import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiserverPort, kubeconfig, kubectlBin, stateDir } from '../../scripts/lib/paths';

/** kubectl's discovery cache for tests; the walkthrough drops it to start like a fresh workstation. */
export const kubectlCacheDir = path.join(stateDir, 'kubectl-cache');

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real kubectl against the dev cluster as the admin; pass `--as=<user>`
 * in args to impersonate, exactly as the walkthrough does. stdin is optional YAML.
 */
export function kubectl(args: string[], stdin?: string, config = kubeconfig): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectlBin, ['--kubeconfig', config, '--cache-dir', kubectlCacheDir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

let anonymousConfig: string | undefined;

/**
 * The real kubectl with nothing but `token` as its credential: a kubeconfig
 * that names the cluster and its CA and no user, so no certificate or static
 * token of the dev cluster can stand in for it.
 */
export function kubectlWithToken(token: string, args: string[]): Promise<Result> {
  if (!anonymousConfig) {
    anonymousConfig = path.join(mkdtempSync(path.join(tmpdir(), 'atrium-kubectl-')), 'kubeconfig');
    writeFileSync(anonymousConfig, `apiVersion: v1
kind: Config
clusters:
- name: atrium-dev
  cluster: {server: "https://127.0.0.1:${apiserverPort}", certificate-authority: ${path.join(stateDir, 'pki', 'ca.crt')}}
users:
- name: nobody
  user: {}
contexts:
- name: atrium-dev
  context: {cluster: atrium-dev, user: nobody}
current-context: atrium-dev
`);
  }
  return kubectl([`--token=${token}`, ...args], undefined, anonymousConfig);
}

/** Like kubectl() but throws with stderr when the command fails. */
export async function kubectlOk(args: string[], stdin?: string): Promise<string> {
  const r = await kubectl(args, stdin);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

export async function kubectlJson<T = any>(args: string[]): Promise<T> {
  return JSON.parse(await kubectlOk([...args, '-o', 'json'])) as T;
}

/** A fresh namespace name, so test files can share the cluster and run in parallel. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** Polls fn until it returns a truthy value. */
export async function eventually<T>(fn: () => Promise<T | undefined | false | null>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
