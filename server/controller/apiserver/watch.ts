import type { ServerResponse } from 'node:http';
import { watchStream, type KubeObject, type WatchEvent } from '@/server/kube';
import type { Logger } from '../runtime/logger';
import type { Output } from './negotiate';
import { fromKubeError, type TenancyResource } from './status-errors';
import { partialObjectMetadata, toTable, type TableLayout } from './table';

/** A watch of the underlying resource, served as this API's kind to one caller. */
export interface FilteredWatch<T extends KubeObject> {
  resource: TenancyResource;
  /** Collection path of the underlying resource (namespaces, config accounts). */
  upstreamPath: string;
  /** resourceVersion, selectors, allowWatchBookmarks, timeoutSeconds, sendInitialEvents...: passed on unchanged. */
  query: Record<string, string | undefined>;
  convert(upstream: KubeObject): T;
  /** Visibility for this caller, decided anew at most every few seconds (RBAC changes during a long watch). */
  visibility(): Promise<(obj: T) => boolean>;
  /** Names the caller could see when the watch began: the client may hold them from its list (none with sendInitialEvents). */
  seed: Iterable<string>;
  /** Objects being deleted stay visible: a namespace loses its RoleBindings before it is gone. */
  keepWhileDeleting: boolean;
  bookmarkKind: { apiVersion: string; kind: string };
  output: Output;
  layout: TableLayout<T>;
  includeObject: string | null;
}

const REFRESH_MS = 2000;

/**
 * What the caller is told about one upstream ADDED/MODIFIED/DELETED event,
 * given whether they may see the object now and what they were sent before
 * (`sent` is updated): the upstream type while visibility holds, ADDED when
 * the object comes into view, DELETED when it leaves it, nothing otherwise.
 */
export function decideWatchEvent(
  type: 'ADDED' | 'MODIFIED' | 'DELETED', name: string, visibleNow: boolean, deleting: boolean, sent: Set<string>, keepWhileDeleting: boolean,
): 'ADDED' | 'MODIFIED' | 'DELETED' | undefined {
  const wasVisible = sent.has(name);
  if (type === 'DELETED') {
    sent.delete(name);
    return wasVisible || visibleNow ? 'DELETED' : undefined;
  }
  if (visibleNow || (keepWhileDeleting && wasVisible && deleting)) {
    sent.add(name);
    return type === 'MODIFIED' && !wasVisible ? 'ADDED' : type;
  }
  if (!wasVisible) return undefined;
  sent.delete(name);
  return 'DELETED';
}

/**
 * Proxies a watch of the underlying resource (as Atrium, which may watch all
 * of it) and converts each event for the caller. resourceVersions are the
 * underlying ones, so `?resourceVersion=` resumes exactly, a too-old version
 * ends in the API server's own 410 Gone ERROR event, and BOOKMARK events
 * (allowWatchBookmarks, sendInitialEvents) pass through as this API's kind.
 * Objects the caller may not see are dropped; one that becomes invisible is
 * sent as DELETED, one that becomes visible as ADDED — as a filtered watch
 * upstream behaves when an object leaves or enters a label selector.
 */
export async function serveFilteredWatch<T extends KubeObject>(res: ServerResponse, w: FilteredWatch<T>, log: Logger): Promise<void> {
  // With sendInitialEvents the client starts empty: every object arrives as ADDED.
  const sent = new Set(w.query.sendInitialEvents === 'true' ? [] : w.seed);
  let predicate: ((obj: T) => boolean) | undefined;
  let decidedAt = 0;
  let first = true;
  let ready = false;
  const early: WatchEvent[] = [];
  let chain = Promise.resolve();

  const body = (obj: T | KubeObject) => {
    if (w.output.kind === 'table') {
      const t = toTable(w.layout, [obj as T], { version: w.output.version, includeObject: w.includeObject, noHeaders: !first });
      first = false;
      return t;
    }
    if (w.output.kind === 'partial') return partialObjectMetadata(obj, w.output.version);
    return obj;
  };
  const write = (type: WatchEvent['type'], object: unknown) => {
    if (!res.writableEnded) res.write(`${JSON.stringify({ type, object })}\n`);
  };

  async function handle(ev: WatchEvent): Promise<void> {
    if (ev.type === 'ERROR') return write('ERROR', ev.object);
    if (ev.type === 'BOOKMARK') {
      const m = (ev.object as KubeObject).metadata ?? {};
      const bookmark = { ...w.bookmarkKind, metadata: { resourceVersion: m.resourceVersion, ...(m.annotations ? { annotations: m.annotations } : {}) } };
      return write('BOOKMARK', w.output.kind === 'json' ? bookmark : body(bookmark));
    }
    const obj = w.convert(ev.object as KubeObject);
    const name = obj.metadata.name ?? '';
    if (!predicate || Date.now() - decidedAt > REFRESH_MS) {
      predicate = await w.visibility();
      decidedAt = Date.now();
    }
    const type = decideWatchEvent(ev.type, name, predicate(obj), !!obj.metadata.deletionTimestamp, sent, w.keepWhileDeleting);
    if (type) write(type, body(obj));
  }
  const enqueue = (ev: WatchEvent) => {
    chain = chain.then(() => handle(ev)).catch((err) => {
      log.error('watch event failed', { resource: w.resource, error: String(err) });
      res.end();
    });
  };

  let upstream;
  try {
    upstream = await watchStream({ path: w.upstreamPath, query: w.query }, (ev) => (ready ? enqueue(ev) : early.push(ev)));
  } catch (err) {
    throw fromKubeError(err, w.resource);
  }
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  ready = true;
  early.splice(0).forEach(enqueue);
  res.on('close', () => upstream.stop());
  await upstream.done;
  await chain;
  res.end();
}
