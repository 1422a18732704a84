import type { JsonObject, JsonValue } from '@/server/tenancy';
import { describeObject } from './describe-object';
import { objectKey } from './object-key';
import { failed, type TemplateStep } from './template-failure';

/**
 * Bounds on what one TemplateInstance may deploy. A Template is written by a cluster admin, but a parameter or a
 * chart can still make it enormous; these keep one instance from exhausting the controller or its status from
 * outgrowing etcd's 1.5 MiB object limit.
 */
export const TEMPLATE_LIMITS = { maxObjects: 500, maxRenderedBytes: 2 * 1024 * 1024, maxDepth: 64 };

/** One rendered object and how messages name it (`manifests[2] (ConfigMap app-config)`). */
export interface RenderedObject {
  label: string;
  object: JsonObject;
}

/**
 * Nesting depth of a JSON value (a scalar is 0, `{a: 1}` is 1), measured without recursion so that a hostile
 * document cannot overflow the stack while being measured. Stops counting past `limit`.
 */
export function measureDepth(value: JsonValue, limit = Infinity): number {
  let deepest = 0;
  const stack: [JsonValue, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const inner = depth + 1;
    deepest = Math.max(deepest, inner);
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, inner]);
  }
  return deepest;
}

/**
 * Checks rendered values before anything is sent to the API server, so a bad Template fails whole instead of
 * half-applied: the limits above, then that each is an object with apiVersion, kind and a fixed metadata.name
 * (generateName cannot be updated or deleted on the next apply), and that no object appears twice.
 * `at` names where each value came from (`manifests[0]`, `helm[3]`).
 */
export function checkRenderedObjects(values: readonly { at: string; value: JsonValue }[], limits = TEMPLATE_LIMITS): TemplateStep<{ objects: RenderedObject[] }> {
  if (values.length > limits.maxObjects) {
    return failed('TemplateTooLarge', `the template renders ${values.length} objects; at most ${limits.maxObjects} are allowed per TemplateInstance. Split it into several Templates`);
  }
  let bytes = 0;
  for (const { at, value } of values) {
    const label = describeObject(at, value);
    if (measureDepth(value, limits.maxDepth) > limits.maxDepth) {
      return failed('TemplateTooLarge', `${label}: nested more than ${limits.maxDepth} levels deep; flatten the object`);
    }
    bytes += Buffer.byteLength(JSON.stringify(value));
    if (bytes > limits.maxRenderedBytes) {
      return failed('TemplateTooLarge', `${label}: the rendered template exceeds ${limits.maxRenderedBytes / 1024 / 1024} MiB at this object; make it smaller or split it into several Templates`);
    }
  }

  const objects: RenderedObject[] = [];
  const seen = new Map<string, string>();
  for (const { at, value } of values) {
    const label = describeObject(at, value);
    const problem = shapeProblem(value);
    if (problem) return failed('ErrorConvertingManifest', `${label}: ${problem}`);
    const object = value as JsonObject & { apiVersion: string; kind: string; metadata: { name: string } };
    const key = objectKey(object.apiVersion, object.kind, undefined, object.metadata.name);
    const first = seen.get(key);
    if (first) return failed('ErrorConvertingManifest', `${label}: duplicates ${first}; each object may appear only once in a template`);
    seen.set(key, label);
    objects.push({ label, object });
  }
  return { ok: true, objects };
}

function shapeProblem(value: JsonValue): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `is ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}, not a Kubernetes object (apiVersion, kind, metadata.name)`;
  }
  if (typeof value.apiVersion !== 'string' || !value.apiVersion) return 'apiVersion is missing; set it, for example to v1';
  if (typeof value.kind !== 'string' || !value.kind) return 'kind is missing; set it, for example to ConfigMap';
  const meta = value.metadata;
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return 'metadata is missing; set metadata.name';
  if (typeof meta.name !== 'string' || !meta.name) {
    return meta.generateName
      ? 'metadata.generateName is not supported: a template object needs a fixed metadata.name so that later applies can update and delete it'
      : 'metadata.name is missing; every template object needs a name';
  }
  if (meta.namespace !== undefined && typeof meta.namespace !== 'string') return 'metadata.namespace must be a string';
  return undefined;
}
