import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { controllerCommand, controllerMallocEnv, devServingCert, webhookClientEnv } from '@/scripts/lib/atrium';
import { kubeconfig, root } from '@/scripts/lib/paths';

export interface Replica {
  name: string;
  healthPort: number;
  servingPort: number;
  process: ChildProcess;
  isLeader(): Promise<boolean>;
  metric(name: string): Promise<number>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts one more controller process (a replica), as a Deployment with several pods would. */
export async function startReplica(name: string, env: Record<string, string> = {}, ports?: { health: number; serving: number }): Promise<Replica> {
  // Free ports by default; the shared controller's ports to stand in for it (the webhooks point there).
  const [healthPort, servingPort] = ports ? [ports.health, ports.serving] : [await freePort(), await freePort()];
  const { certFile, keyFile } = await devServingCert();
  const child = spawn(controllerCommand[0], controllerCommand.slice(1), {
    cwd: root,
    env: {
      ...process.env, ...controllerMallocEnv, ATRIUM_KUBECONFIG: kubeconfig, ATRIUM_NAMESPACE: 'kiosk', ATRIUM_POD_NAME: name,
      ATRIUM_HEALTH_PORT: String(healthPort), ATRIUM_SERVING_PORT: String(servingPort), ATRIUM_SERVING_HOST: '127.0.0.1',
      ATRIUM_TLS_CERT_FILE: certFile, ATRIUM_TLS_KEY_FILE: keyFile, ...webhookClientEnv(), ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const metricsText = async () => (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
  const metric = async (m: string) => Number(new RegExp(`^${m}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(await metricsText())?.[1] ?? NaN);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`replica ${name} exited: ${output.slice(-2000)}`);
    const ok = await fetch(`http://127.0.0.1:${healthPort}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`replica ${name} not ready: ${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    name, healthPort, servingPort, process: child, metric,
    isLeader: async () => (await metric('atrium_leader')) === 1,
    stop: (signal = 'SIGTERM') => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    }),
  };
}
