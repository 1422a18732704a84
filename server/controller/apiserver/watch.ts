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
  /** Visibility for this caller, decided anew at most every few seconds, and at once when accessChanges reports a change. */
  visibility(): Promise<(obj: T) => boolean | Promise<boolean>>;
  /**
   * Access that changes without the watched objects changing (a RoleBinding
   * given or taken away): on each report the watch sends ADDED for what came
   * into view and DELETED for what left it, without waiting for an event of the object.
   */
  accessChanges?: {
    subscribe(onChange: () => void): () => void;
    /** What the caller may see now, narrowed by the watch's selectors. */
    visibleNow(): Promise<T[]>;
    /** The object as last seen (informer), for the DELETED of one that left the caller's view. */
    current(name: string): T | undefined;
  };
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
 * The events that bring a caller's watch in line with what they may see now,
 * after their access changed: ADDED for each visible object not sent before,
 * DELETED for each sent object no longer visible — except one being deleted,
 * when keepWhileDeleting (its DELETED event will come). `sent` is updated.
 */
export function eventsForAccessChange<T extends KubeObject>(
  visibleNow: readonly T[], sent: Set<string>, current: (name: string) => T | undefined, keepWhileDeleting: boolean, placeholder: (name: string) => T,
): { type: 'ADDED' | 'DELETED'; object: T }[] {
  const out: { type: 'ADDED' | 'DELETED'; object: T }[] = [];
  const visible = new Set<string>();
  for (const obj of visibleNow) {
    const name = obj.metadata.name ?? '';
    visible.add(name);
    if (sent.has(name)) continue;
    sent.add(name);
    out.push({ type: 'ADDED', object: obj });
  }
  for (const name of [...sent]) {
    if (visible.has(name)) continue;
    const obj = current(name);
    if (keepWhileDeleting && obj?.metadata.deletionTimestamp) continue;
    sent.delete(name);
    out.push({ type: 'DELETED', object: obj ?? placeholder(name) });
  }
  return out;
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
  let predicate: ((obj: T) => boolean | Promise<boolean>) | undefined;
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
    const type = decideWatchEvent(ev.type, name, await predicate(obj), !!obj.metadata.deletionTimestamp, sent, w.keepWhileDeleting);
    if (type) write(type, body(obj));
  }
  // Reports are coalesced: while one re-decision waits in the chain, more reports add nothing.
  let accessCheckQueued = false;
  async function accessChanged(): Promise<void> {
    accessCheckQueued = false;
    const changes = w.accessChanges!;
    predicate = await w.visibility();
    decidedAt = Date.now();
    const placeholder = (name: string) => ({ ...w.bookmarkKind, metadata: { name } }) as unknown as T;
    for (const e of eventsForAccessChange(await changes.visibleNow(), sent, changes.current, w.keepWhileDeleting, placeholder)) write(e.type, body(e.object));
  }
  const onAccessChange = () => {
    if (!ready || accessCheckQueued || res.writableEnded) return;
    accessCheckQueued = true;
    chain = chain.then(accessChanged).catch((err) => {
      log.error('watch access change failed', { resource: w.resource, error: String(err) });
      res.end();
    });
  };
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
  const unsubscribe = w.accessChanges?.subscribe(onAccessChange);
  res.on('close', () => {
    unsubscribe?.();
    upstream.stop();
  });
  await upstream.done;
  unsubscribe?.();
  await chain;
  res.end();
}
