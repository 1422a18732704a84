import { parse, type Tags } from 'yaml';
import type { JsonValue } from './types';

/** Result of {@link parseTypedValue}. */
export type ParseTypedValueResult = { ok: true; value: JsonValue } | { ok: false; error: string };

const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';
const DROPPED_NAMES: readonly string[] = ['timestamp', 'intTime', 'floatTime'];

// Kiosk parses `${{NAME}}` values with ghodss/yaml, i.e. go-yaml v2: YAML 1.1 scalars (yes/no/on/off are booleans,
// 0777 is octal, 1_000 is 1000), but timestamps stay strings and base-60 numbers (1:30) are not numbers.
const options = {
  version: '1.1' as const,
  logLevel: 'error' as const,
  customTags: (tags: Tags) =>
    tags.filter((tag) => (typeof tag === 'string' ? !DROPPED_NAMES.includes(tag) : tag.tag !== TIMESTAMP_TAG && tag.format !== 'TIME')),
};

/**
 * Parses the text substituted for a `${{NAME}}` parameter into a typed JSON value, as Kiosk does:
 * `"3"` → 3, `"true"`/`"yes"` → true, `""`/`"null"`/`"~"` → null, `"[a, b]"` → an array, `"a: 1"` → an object,
 * anything else → the string itself. Fails on invalid YAML and on values JSON cannot hold (`.inf`, `.nan`).
 */
export function parseTypedValue(text: string): ParseTypedValueResult {
  let parsed: unknown;
  try {
    parsed = parse(text, options);
  } catch (err) {
    const reason = err instanceof Error ? (err.message.split('\n')[0] ?? '').replace(/:$/, '') : String(err);
    return { ok: false, error: `is not valid YAML (${reason})` };
  }
  const value = toJson(parsed);
  if (value === undefined) return { ok: false, error: 'is not representable in JSON (infinite, NaN or binary values are not)' };
  return { ok: true, value };
}

function toJson(value: unknown): JsonValue | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items = value.map(toJson);
    return items.includes(undefined) ? undefined : (items as JsonValue[]);
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      const converted = toJson(item);
      if (converted === undefined) return undefined;
      out[key] = converted;
    }
    return out;
  }
  return undefined;
}
