/** What a response body should be, from the Accept header. */
export type Output =
  | { kind: 'json' }
  | { kind: 'table'; version: 'v1' | 'v1beta1' }
  | { kind: 'partial'; version: 'v1' | 'v1beta1' };

/** One media range of an Accept header, with its parameters (lower-cased names). */
export interface MediaRange {
  type: string;
  params: Record<string, string>;
  q: number;
}

/** Parses an Accept header into media ranges, most preferred first (by q, then order). */
export function parseAccept(accept: string | undefined): MediaRange[] {
  if (!accept) return [];
  const ranges = accept.split(',').map((part, i) => {
    const [type = '', ...rest] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
    }
    const q = params.q !== undefined ? Number(params.q) : 1;
    return { type: type.toLowerCase(), params, q: Number.isFinite(q) ? q : 0, i };
  });
  return ranges.filter((r) => r.type && r.q > 0).sort((a, b) => b.q - a.q || a.i - b.i).map((r) => ({ type: r.type, params: r.params, q: r.q }));
}

const jsonish = (type: string) => type === 'application/json' || type === '*/*' || type === 'application/*';

/**
 * Chooses the response form the way the kube-apiserver does for JSON clients:
 * the plain object, a meta.k8s.io Table (kubectl get), or
 * PartialObjectMetadata(List) (metadata informers: the garbage collector and
 * namespace controller read every listable resource this way). Undefined: 406.
 */
export function negotiateOutput(accept: string | undefined, list: boolean): Output | undefined {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return { kind: 'json' };
  for (const r of ranges) {
    if (!jsonish(r.type)) continue;
    const as = r.params.as;
    if (!as) return { kind: 'json' };
    const v = r.params.v;
    if (r.params.g !== 'meta.k8s.io' || (v !== 'v1' && v !== 'v1beta1')) continue;
    if (as === 'Table') return { kind: 'table', version: v };
    if (as === (list ? 'PartialObjectMetadataList' : 'PartialObjectMetadata')) return { kind: 'partial', version: v };
  }
  return undefined;
}
