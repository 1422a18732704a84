import type { JsonObject, JsonValue } from './types';

/**
 * The object to write when re-applying a rendered manifest (what `kubectl apply` computes, on plain JSON):
 * - fields of `desired` win (set or overwritten, objects merged key by key at any depth);
 * - fields that were in `lastApplied` but are no longer in `desired` are removed from `live`;
 * - fields only in `live` that we never applied are kept: status, metadata.resourceVersion / uid / managedFields,
 *   labels and annotations added by other controllers or by people. Without `lastApplied` (first apply, adoption)
 *   nothing is removed.
 * - a `null` in `desired` removes the field (at any depth of an object), as in a JSON merge patch.
 *
 * Lists are replaced wholesale, not merged element by element: merging needs each list's merge key (containers by
 * `name`, ports by `containerPort` ...), which lives in the built-in types' strategic-merge schema and does not exist
 * for custom resources. Wholesale replacement is the JSON merge patch (RFC 7386) rule the API server applies to custom
 * resources, it is predictable, and the desired list is exactly what the Template says. A list we do not set at all
 * is left as it is live. The inputs are not modified; the result shares no objects with them.
 */
export function threeWayMerge(lastApplied: JsonObject | undefined, desired: JsonObject, live: JsonObject): JsonObject {
  return mergeObjects(lastApplied, desired, live);
}

function mergeObjects(last: JsonObject | undefined, desired: JsonObject, live: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(live)) {
    const removedSinceLast = last !== undefined && Object.hasOwn(last, key) && !Object.hasOwn(desired, key);
    if (!removedSinceLast) result[key] = clone(value);
  }
  for (const [key, want] of Object.entries(desired)) {
    if (want === null) {
      delete result[key];
      continue;
    }
    if (isObject(want)) {
      const have = live[key];
      const before = last?.[key];
      const liveObject = have !== undefined && isObject(have) ? have : {};
      result[key] = mergeObjects(before !== undefined && isObject(before) ? before : undefined, want, liveObject);
    } else {
      result[key] = clone(want);
    }
  }
  return result;
}

function isObject(value: JsonValue): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function clone<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}
