import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { revivePrepared, type PreparedEvent } from './prepare-event';

/**
 * - `intent`: written before a change is made, removed once its outcome is recorded (in the database, or as an
 *   `event` file). An intent left by a process that stopped is recorded with outcome `unknown`.
 * - `event`: an outcome the database did not take; the flusher writes it later.
 */
export type SpoolKind = 'intent' | 'event';

export interface SpoolEntry {
  file: string;
  kind: SpoolKind;
  event: PreparedEvent;
  /** The process instance that wrote it. */
  instance: string;
  writtenAt: number;
}

interface SpoolFile {
  instance: string;
  writtenAt: number;
  event: PreparedEvent;
}

/**
 * Audit events on local disk, durably: each file is written to a temporary name, fsync'd, renamed into place and
 * the directory fsync'd, so after a crash a file is either whole or absent.
 */
export class AuditSpool {
  /** Identifies this process's files, so the flusher can tell its own live intents from orphans. */
  readonly instance = randomUUID();
  private ready: Promise<void> | undefined;

  constructor(readonly dir: string) {}

  private ensureDir(): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 }).then(() => undefined);
    return this.ready.catch((err) => {
      this.ready = undefined;
      throw err;
    });
  }

  private fileFor(kind: SpoolKind, requestId: string): string {
    const id = createHash('sha256').update(requestId).digest('hex').slice(0, 40);
    return path.join(this.dir, `${id}.${kind}.json`);
  }

  async write(kind: SpoolKind, event: PreparedEvent): Promise<string> {
    await this.ensureDir();
    const file = this.fileFor(kind, event.requestId);
    const tmp = path.join(this.dir, `.tmp-${randomUUID()}`);
    const body: SpoolFile = { instance: this.instance, writtenAt: Date.now(), event };
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(JSON.stringify(body));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    await this.syncDir();
    return file;
  }

  private async syncDir(): Promise<void> {
    const dh = await open(this.dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }

  /** How many events wait here (names only: cheap enough for every metrics scrape). */
  async count(): Promise<number> {
    const names = await readdir(this.dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    });
    return names.filter((n) => /^[0-9a-f]+\.(intent|event)\.json$/.test(n)).length;
  }

  /** Removing needs no fsync: a file that comes back after a crash is written again, and the request id dedups it. */
  async remove(file: string): Promise<void> {
    await unlink(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  async list(): Promise<SpoolEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const entries: SpoolEntry[] = [];
    for (const name of names) {
      const file = path.join(this.dir, name);
      const m = /^[0-9a-f]+\.(intent|event)\.json$/.exec(name);
      if (!m) {
        // A temporary file of a write that never finished: its event was not acknowledged to anyone.
        if (name.startsWith('.tmp-') && Date.now() - (await stat(file).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs > 60_000) await this.remove(file);
        continue;
      }
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) continue; // removed meanwhile
      const body = JSON.parse(text) as Omit<SpoolFile, 'event'> & { event: unknown };
      entries.push({ file, kind: m[1] as SpoolKind, instance: body.instance, writtenAt: body.writtenAt, event: revivePrepared(JSON.stringify(body.event)) });
    }
    return entries.sort((a, b) => a.writtenAt - b.writtenAt);
  }
}
