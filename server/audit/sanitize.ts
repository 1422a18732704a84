// Text from people is stored as data, verbatim, except for what PostgreSQL cannot hold or what must not be kept.

const SECRET_KEY = /passw(or)?d|passphrase|secret|token|credential|authorization|cookie|private[-_]?key|api[-_]?key/i;
export const REDACTED = '[redacted]';
const MAX_STRING = 4096;
const MAX_ITEMS = 100;
const MAX_DEPTH = 8;
const MAX_SUMMARY_BYTES = 16 * 1024;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * PostgreSQL text holds neither NUL nor unpaired surrogates (the driver would store U+FFFD instead, and the row's
 * hash would no longer match what was stored), so both become U+FFFD before hashing.
 */
export function storableText(s: string, max = Infinity): string {
  const clean = s.replace(LONE_SURROGATE, '\uFFFD').replace(/\u0000/g, '\uFFFD');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

export function optionalText(s: string | undefined | null, max = MAX_STRING): string | null {
  return s === undefined || s === null ? null : storableText(String(s), max);
}

function clean(value: unknown, depth: number): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'string') return storableText(value, MAX_STRING);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => clean(v, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`[${value.length - MAX_ITEMS} more]`);
    return items;
  }
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    // A Secret's payload is secret whatever its keys are called.
    const secretObject = obj.kind === 'Secret';
    // No prototype: a key named __proto__ is data like any other.
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(obj)) {
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      const key = storableText(k, 256);
      out[key] = SECRET_KEY.test(k) || (secretObject && /^(data|stringData|binaryData)$/.test(k)) ? REDACTED : clean(v, depth + 1);
    }
    return out;
  }
  return null;
}

/**
 * The request summary as stored: secrets redacted, strings storable, bounded in size. The result survives a JSON
 * round trip unchanged, which the content hash relies on.
 */
export function sanitizeSummary(summary: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (summary === undefined || summary === null) return null;
  const cleaned = clean(summary, 0) as Record<string, unknown>;
  const text = JSON.stringify(cleaned);
  if (Buffer.byteLength(text) > MAX_SUMMARY_BYTES) {
    return { truncated: true, bytes: Buffer.byteLength(text), keys: Object.keys(cleaned).slice(0, MAX_ITEMS) };
  }
  return JSON.parse(text) as Record<string, unknown>;
}
