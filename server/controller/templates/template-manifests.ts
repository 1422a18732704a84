import { gunzipSync, gzipSync } from 'node:zlib';
import type { JsonObject } from '@/server/tenancy';
import { parseYamlDocuments, toYamlDocument } from './parse-yaml-documents';

/** Kiosk's separator between the YAML documents of `status.templateManifests`. */
const SEPARATOR = '\n---\n';
const GZIP_MAGIC = [0x1f, 0x8b];
/** Decompressed manifests beyond this are not ours (we cap rendering at 2 MiB): refuse rather than inflate a bomb. */
const MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;

/**
 * `status.templateManifests` as Kiosk wrote it (pkg/util/compress.go): the applied objects as YAML documents joined
 * by `\n---\n`, gzipped, base64-encoded. Keeping Kiosk's format lets Atrium three-way-merge instances Kiosk deployed,
 * and lets a rollback to Kiosk read what Atrium stored; gzip also keeps large templates well inside etcd's limit.
 */
export function encodeTemplateManifests(objects: readonly JsonObject[]): string {
  const text = objects.map((o) => toYamlDocument(o).replace(/\n$/, '')).join(SEPARATOR);
  return gzipSync(Buffer.from(text, 'utf8')).toString('base64');
}

/**
 * Reads `status.templateManifests` back: Kiosk's gzip+base64 form, or — for hand-written or older statuses — plain
 * YAML or JSON text. Non-object documents are dropped. Empty or absent means nothing was applied yet.
 * @throws Error when the text is neither.
 */
export function decodeTemplateManifests(stored: string | undefined): JsonObject[] {
  if (!stored?.trim()) return [];
  let text = stored;
  const compact = stored.replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    const bytes = Buffer.from(compact, 'base64');
    if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
      text = gunzipSync(bytes, { maxOutputLength: MAX_DECOMPRESSED_BYTES }).toString('utf8');
    }
  }
  return parseYamlDocuments(text).filter((v): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v));
}
