/** TemplateInstance annotation recording who wrote its spec, set by Atrium's mutating webhook only. */
export const AUTHOR_ANNOTATION = 'atrium.kiosk.sh/author';

/** The author of a TemplateInstance's spec, as the kube-apiserver authenticated them. */
export interface TemplateAuthor {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** The annotation's value: compact JSON, keys in a fixed order. */
export function formatAuthor(a: TemplateAuthor): string {
  return JSON.stringify({ username: a.username, ...(a.uid ? { uid: a.uid } : {}), groups: a.groups, ...(a.extra && Object.keys(a.extra).length ? { extra: a.extra } : {}) });
}

/** The recorded author, or undefined when the annotation is missing or not one of ours. */
export function parseAuthor(value: string | undefined): TemplateAuthor | undefined {
  if (!value) return undefined;
  try {
    const v = JSON.parse(value) as Partial<TemplateAuthor>;
    if (typeof v.username !== 'string' || !v.username || !Array.isArray(v.groups) || v.groups.some((g) => typeof g !== 'string')) return undefined;
    if (v.uid !== undefined && typeof v.uid !== 'string') return undefined;
    const extra = v.extra && typeof v.extra === 'object' && !Array.isArray(v.extra) ? v.extra : undefined;
    return { username: v.username, uid: v.uid, groups: v.groups, ...(extra ? { extra } : {}) };
  } catch {
    return undefined;
  }
}
