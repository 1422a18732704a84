import { badRequest, unsupportedMediaType } from './status-errors';

type Json = unknown;
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

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * A strategic merge patch for a kind whose schema declares no merge keys (as
 * Space's does not): every list is replaced, so it is a merge patch once the
 * `$`-directives kubectl may add are dropped.
 */
export function strategicAsMerge(patch: Json): Json {
  if (Array.isArray(patch)) return patch.map(strategicAsMerge);
  if (!isObject(patch)) return patch;
  return Object.fromEntries(Object.entries(patch).filter(([k]) => !k.startsWith('$')).map(([k, v]) => [k, strategicAsMerge(v)]));
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`invalid JSON pointer "${pointer}"`);
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolveParent(doc: Json, path: string[], op: string): { parent: Json; key: string } {
  let node = doc;
  for (const seg of path.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(seg)];
    else if (isObject(node)) node = node[seg];
    else node = undefined;
    if (node === undefined) throw badRequest(`the server rejected our request due to an error in our request: ${op} operation does not apply: doc is missing path: "/${path.join('/')}"`);
  }
  return { parent: node, key: path[path.length - 1]! };
}

function arrayIndex(arr: Json[], key: string, allowEnd: boolean): number {
  if (key === '-' && allowEnd) return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(key)) throw badRequest(`invalid array index "${key}"`);
  const i = Number(key);
  if (i > arr.length || (!allowEnd && i === arr.length)) throw badRequest(`array index ${i} out of bounds`);
  return i;
}

function getAt(doc: Json, path: string[], op: string): Json {
  if (path.length === 0) return doc;
  const { parent, key } = resolveParent(doc, path, op);
  const v = Array.isArray(parent) ? parent[arrayIndex(parent, key, false)] : isObject(parent) ? parent[key] : undefined;
  if (v === undefined) throw badRequest(`the server rejected our request due to an error in our request: ${op} operation does not apply: doc is missing path: "/${path.join('/')}"`);
  return v;
}

function removeAt(doc: Json, path: string[], op: string): Json {
  const { parent, key } = resolveParent(doc, path, op);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, key, false), 1)[0];
  if (isObject(parent) && key in parent) {
    const v = parent[key];
    delete parent[key];
    return v;
  }
  throw badRequest(`the server rejected our request due to an error in our request: ${op} operation does not apply: doc is missing path: "/${path.join('/')}"`);
}

function addAt(doc: Json, path: string[], value: Json, op: string): Json {
  if (path.length === 0) return value;
  const { parent, key } = resolveParent(doc, path, op);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else if (isObject(parent)) parent[key] = value;
  else throw badRequest(`${op} operation does not apply: "/${path.join('/')}" has no parent object`);
  return doc;
}

/** RFC 6902 JSON patch (add, remove, replace, move, copy, test). */
export function jsonPatch(target: Json, patch: Json): Json {
  if (!Array.isArray(patch)) throw badRequest('a JSON patch must be a list of operations');
  let doc = structuredClone(target);
  for (const raw of patch) {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') throw badRequest('every JSON patch operation needs "op" and "path"');
    const path = parsePointer(raw.path);
    switch (raw.op) {
      case 'add':
        doc = addAt(doc, path, structuredClone(raw.value), 'add');
        break;
      case 'remove':
        removeAt(doc, path, 'remove');
        break;
      case 'replace':
        getAt(doc, path, 'replace');
        if (path.length === 0) doc = structuredClone(raw.value);
        else {
          removeAt(doc, path, 'replace');
          doc = addAt(doc, path, structuredClone(raw.value), 'replace');
        }
        break;
      case 'move': {
        const from = parsePointer(String(raw.from ?? ''));
        const v = removeAt(doc, from, 'move');
        doc = addAt(doc, path, v, 'move');
        break;
      }
      case 'copy': {
        const from = parsePointer(String(raw.from ?? ''));
        doc = addAt(doc, path, structuredClone(getAt(doc, from, 'copy')), 'copy');
        break;
      }
      case 'test':
        if (JSON.stringify(getAt(doc, path, 'test')) !== JSON.stringify(raw.value)) throw badRequest(`the server rejected our request due to an error in our request: testing value /${path.join('/')} failed`);
        break;
      default:
        throw badRequest(`unknown JSON patch operation "${raw.op}"`);
    }
  }
  return doc;
}

/** Applies a merge, JSON or strategic patch to a plain object. */
export function applyPatch(type: Exclude<PatchType, 'apply'>, target: Json, patch: Json): Json {
  if (type === 'json') return jsonPatch(target, patch);
  return mergePatch(target, type === 'strategic' ? strategicAsMerge(patch) : patch);
}
