import { hash } from 'node:crypto';

/** The fields of an audit row that its hash covers, exactly as stored. */
export interface ChainContent {
  requestId: string;
  at: Date;
  source: string;
  actorUsername: string;
  actorGroups: string[];
  actorVia: string;
  actorIssuer: string | null;
  action: string;
  targetKind: string | null;
  targetName: string | null;
  targetAccount: string | null;
  targetSpace: string | null;
  summary: unknown;
  outcome: string;
  message: string | null;
  clientAddress: string | null;
}

/** Version of the canonical form below; changing the form means a new version, so old rows still verify. */
export const CONTENT_VERSION = 1;
/** prev_hash of the first row. */
export const GENESIS_HASH = Buffer.alloc(32);

/**
 * JSON with object keys sorted at every level, so the same value always gives the same text — including after a
 * round trip through jsonb, which reorders keys.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Loops rather than entries/filter/map/join: the verifier runs this for every row of the trail.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (value[i] === undefined ? 'null' : canonicalJson(value[i]));
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/**
 * The canonical text of a row's content: canonicalJson of [version, requestId, at (ISO, ms), source, actor…, target…,
 * summary, outcome, message, clientAddress], built with the native JSON.stringify for everything but the summary (the
 * verifier hashes a million rows): for strings, nulls and arrays of strings the two give the same text.
 */
export function canonicalContentText(c: Omit<ChainContent, 'at'>, atIso: string): string {
  const head = JSON.stringify([CONTENT_VERSION, c.requestId, atIso, c.source, c.actorUsername, c.actorGroups, c.actorVia,
    c.actorIssuer, c.action, c.targetKind, c.targetName, c.targetAccount, c.targetSpace]);
  const tail = JSON.stringify([c.outcome, c.message, c.clientAddress]);
  return `${head.slice(0, -1)},${canonicalJson(c.summary ?? null)},${tail.slice(1)}`;
}

/** sha256 over the canonical form of a row's content; the writer stores it, the verifier recomputes it. */
export function contentHash(c: ChainContent): Buffer {
  return hash('sha256', canonicalContentText(c, c.at.toISOString()), 'buffer');
}

/** The link the database computes in its insert trigger: sha256(int8 big-endian seq ‖ prev_hash ‖ content_hash). */
export function linkHash(seq: bigint, prevHash: Uint8Array, content: Uint8Array): Buffer {
  const b = Buffer.allocUnsafe(8 + prevHash.length + content.length);
  b.writeBigInt64BE(seq);
  b.set(prevHash, 8);
  b.set(content, 8 + prevHash.length);
  return hash('sha256', b, 'buffer');
}
