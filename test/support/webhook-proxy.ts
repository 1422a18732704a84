import { createServer, connect, type Server, type Socket } from 'node:net';
import { kubectlOk } from './kubectl';

/**
 * A TCP load balancer in front of controller replicas, as a Service is: each connection of the API server goes to
 * the next replica in turn, and a replica that refuses the connection (it is down) is skipped. TLS passes through:
 * every replica serves the same dev certificate.
 */
export async function startReplicaBalancer(backends: () => number[]): Promise<{ port: number; close(): Promise<void> }> {
  let next = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.pause();
    const ports = backends();
    const tryBackend = (attempt: number) => {
      const port = ports[(next + attempt) % ports.length]!;
      const upstream = connect(port, '127.0.0.1');
      upstream.once('connect', () => {
        next++;
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        client.pipe(upstream).pipe(client);
        client.resume();
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      });
      upstream.once('error', () => (attempt + 1 < ports.length ? tryBackend(attempt + 1) : client.destroy()));
    };
    tryBackend(0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () => new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

/** Points the API server's AccountQuota webhook at a URL; returns the function that restores the previous one. */
export async function redirectAccountQuotaWebhook(url: string): Promise<() => Promise<void>> {
  const before = await kubectlOk(['get', 'validatingwebhookconfiguration', 'atrium-account-quota', '-o', 'jsonpath={.webhooks[0].clientConfig.url}']);
  const set = (u: string) => kubectlOk(['patch', 'validatingwebhookconfiguration', 'atrium-account-quota', '--type=json', '-p', JSON.stringify([{ op: 'replace', path: '/webhooks/0/clientConfig/url', value: u }])]);
  await set(url);
  return async () => void (await set(before));
}
