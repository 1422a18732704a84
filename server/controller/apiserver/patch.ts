// Both are CommonJS packages: default imports work under Node's ESM loader, named ones do not.
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import jsonMergePatch from 'json-merge-patch';
import { badRequest, unsupportedMediaType } from './status-errors';

type Json = unknown;
const { applyPatch: applyJsonPatch, JsonPatchError } = fastJsonPatch;
const applyMergePatch = jsonMergePatch.apply;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The patch kinds the kube-apiserver accepts, by Content-Type. */
export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

/** Maps a PATCH Content-Type to its patch type, or 415 as upstream answers for others. */
export function patchTypeOf(contentType: string | undefined): PatchType {
  const base = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  switch (base) {
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/json-patch+json':
      return 'json';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
      return 'apply';
    default:
      throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
  }
}

/** RFC 7386 JSON merge patch (the json-merge-patch library); the inputs are not modified. */
export function mergePatch(target: Json, patch: Json): Json {
  const bad = prototypeKey(patch);
  if (bad) throw badRequest(`the patch may not contain the key "${bad}"`);
  return applyMergePatch(structuredClone(target), structuredClone(patch)) as Json;
}

/** A key that names an object's prototype rather than a field: refused rather than silently skipped. */
function prototypeKey(v: Json): string | undefined {
  if (Array.isArray(v)) return v.map(prototypeKey).find(Boolean);
  if (!isObject(v)) return undefined;
  for (const [k, child] of Object.entries(v)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') return k;
    const inner = prototypeKey(child);
    if (inner) return inner;
  }
  return undefined;
}

/** The first strategic-merge directive (`$patch`, `$retainKeys`, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`) in a patch. */
function directiveOf(v: Json, path: string): string | undefined {
  if (Array.isArray(v)) {
    for (const [i, item] of v.entries()) {
      const found = directiveOf(item, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(v)) return undefined;
  for (const [k, child] of Object.entries(v)) {
    if (k.startsWith('$')) return `${k} at ${path || '(top level)'}`;
    const found = directiveOf(child, path ? `${path}.${k}` : k);
    if (found) return found;
  }
  return undefined;
}

/**
 * A strategic merge patch for a kind whose schema declares no merge keys (as
 * Space's and Account's do not): every list is replaced, so it is a merge
 * patch. Its directives would change that meaning (`$patch: delete` deletes,
 * `$retainKeys` clears), and this server does not implement them: a patch that
 * carries one is refused with 400 rather than applied without it.
 */
export function strategicAsMerge(patch: Json): Json {
  const directive = directiveOf(patch, '');
  if (directive) {
    throw badRequest(`strategic merge patch directive ${directive} is not supported by tenancy.kiosk.sh, whose kinds have no merge keys; send a JSON merge patch (kubectl patch --type=merge) or a JSON patch (--type=json) instead`);
  }
  return patch;
}

/** RFC 6902 JSON patch (add, remove, replace, move, copy, test) with the fast-json-patch library; the input is not modified. */
export function jsonPatch(target: Json, patch: Json): Json {
  if (!Array.isArray(patch)) throw badRequest('a JSON patch must be a list of operations');
  try {
    return applyJsonPatch(structuredClone(target), patch as Operation[], true, true, true).newDocument as Json;
  } catch (err) {
    // the library throws only for the patch itself (a prototype key is a TypeError)
    if (!(err instanceof JsonPatchError)) throw badRequest(`the server rejected our request due to an error in our request: ${err instanceof Error ? err.message : String(err)}`);
    const op = err.operation as { op?: string; path?: string } | undefined;
    const where = op ? ` (operation ${err.index ?? 0}: ${op.op ?? '?'} ${op.path ?? ''})` : '';
    const what = err.name === 'TEST_OPERATION_FAILED' ? `testing value ${op?.path ?? ''} failed` : err.message.split('\n')[0];
    throw badRequest(`the server rejected our request due to an error in our request: ${what}${where}`);
  }
}

/** Applies a merge, JSON or strategic patch to a plain object. */
export function applyPatch(type: Exclude<PatchType, 'apply'>, target: Json, patch: Json): Json {
  if (type === 'json') return jsonPatch(target, patch);
  return mergePatch(target, type === 'strategic' ? strategicAsMerge(patch) : patch);
}
