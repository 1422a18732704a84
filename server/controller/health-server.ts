import http from 'node:http';
import { registry } from './runtime/metrics';

/** /healthz (process alive), /readyz (caches synced), /metrics (Prometheus). */
export function startHealthServer(port: number, isReady: () => boolean): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    if (req.url === '/healthz') return void res.end('ok');
    if (req.url === '/readyz') {
      const ready = isReady();
      res.statusCode = ready ? 200 : 503;
      return void res.end(ready ? 'ok' : 'caches not synced');
    }
    if (req.url === '/metrics') {
      res.setHeader('Content-Type', registry.contentType);
      return void res.end(await registry.metrics());
    }
    res.statusCode = 404;
    res.end('not found');
  });
  return new Promise((resolve) => server.listen(port, () => resolve(server)));
}
