import https from 'node:https';
import { serviceKubeConfig } from './config';
import { KubeApiError, requestOptions, type ActAs } from './request';

/** One event of a Kubernetes watch stream, as the API server sends it. */
export interface WatchEvent<T = any> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

/** An open watch: stop it, or wait for the server to end it (timeoutSeconds, errors). */
export interface WatchHandle {
  stop(): void;
  /** Resolves when the stream ended, for whatever reason (stop() included). */
  readonly done: Promise<void>;
}

export interface WatchStreamRequest {
  path: string;
  /** Query parameters; `watch=true` is added. resourceVersion, allowWatchBookmarks, selectors pass as given. */
  query?: Record<string, string | number | boolean | undefined>;
  as?: ActAs;
}

/**
 * Opens a watch on the API server and calls onEvent for every event, in order.
 * Resolves once the server accepted the watch (HTTP 200); rejects with a
 * KubeApiError when it answered with an error status instead (bad selector,
 * forbidden), so callers can pass that Status on before committing to a stream.
 * Built on node:https for the same reason as kubeRequest: impersonated groups
 * need one header line each.
 */
export async function watchStream(req: WatchStreamRequest, onEvent: (event: WatchEvent) => void): Promise<WatchHandle> {
  const kc = serviceKubeConfig();
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('No current cluster in the kubeconfig');
  const url = new URL(req.path, cluster.server);
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  url.searchParams.set('watch', 'true');
  const opts = await requestOptions(kc, 'GET', req.as);
  return new Promise<WatchHandle>((resolve, reject) => {
    let finish: () => void = () => {};
    const done = new Promise<void>((r) => (finish = r));
    // A dedicated agent: a watch holds its connection for minutes and must not
    // take a slot of the pooled agent the request/response calls share.
    const r = https.request(url, { ...opts, agent: new https.Agent({ keepAlive: false }) }, (res) => {
      const code = res.statusCode ?? 0;
      if (code !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let status: any;
          try {
            status = JSON.parse(text);
          } catch {
            status = { message: text.slice(0, 500) || undefined };
          }
          finish();
          reject(new KubeApiError(code, status, url.pathname));
        });
        return;
      }
      resolve({ stop: () => r.destroy(), done });
      let partial = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        partial += chunk;
        let nl: number;
        while ((nl = partial.indexOf('\n')) >= 0) {
          const line = partial.slice(0, nl).trim();
          partial = partial.slice(nl + 1);
          if (!line) continue;
          try {
            onEvent(JSON.parse(line) as WatchEvent);
          } catch {
            // A line that is not JSON means the stream is broken: end it, the client re-watches.
            r.destroy();
            return;
          }
        }
      });
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
    });
    r.on('error', (err) => {
      finish();
      reject(err);
    });
    r.end();
  });
}
