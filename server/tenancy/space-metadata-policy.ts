import type { StringMap } from './types';

/** The annotation `kubectl apply` writes on every object it applies; harmless, and every tenant's apply needs it. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Key prefixes (the DNS part before `/`) that only cluster admins may set on a space, whatever the allow-list says. */
const RESERVED_DOMAINS = ['kubernetes.io', 'k8s.io', 'kiosk.sh'];

/** Label or annotation keys tenants may set on spaces: exact keys, or patterns ending in `*` (a prefix). */
export interface SpaceMetadataAllowList {
  labels: readonly string[];
  annotations: readonly string[];
}

/** Why a tenant may not set or change one key. */
export interface MetadataRefusal {
  kind: 'label' | 'annotation';
  key: string;
  reason: 'reserved' | 'not-allowed';
}

/**
 * Whether a key belongs to Kubernetes or Kiosk/Atrium: `pod-security.kubernetes.io/*` (Pod Security admission),
 * `kubernetes.io/metadata.name` (the selector NetworkPolicies use), every `*.k8s.io/*` and `kiosk.sh/*` key
 * (`kiosk.sh/account` moves a space into another account).
 */
export function isReservedKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const domain = key.slice(0, slash).toLowerCase();
  return RESERVED_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** Whether `key` matches one of the patterns: equal, or starting with a pattern's text before its trailing `*`. */
export function keyMatches(key: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? key.startsWith(p.slice(0, -1)) : key === p));
}

/** Keys whose value differs between two maps, removed keys included. */
export function changedKeys(before: StringMap | undefined, after: StringMap | undefined): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => before?.[k] !== after?.[k]).sort();
}

/**
 * The first label or annotation key a tenant may not set: reserved keys always, other keys unless the allow-list
 * matches them. `kubectl`'s last-applied annotation is always allowed.
 */
export function refusedSpaceMetadata(keys: { labels: readonly string[]; annotations: readonly string[] }, allow: SpaceMetadataAllowList): MetadataRefusal | undefined {
  for (const [kind, list, patterns] of [['label', keys.labels, allow.labels], ['annotation', keys.annotations, allow.annotations]] as const) {
    for (const key of list) {
      if (kind === 'annotation' && key === LAST_APPLIED_ANNOTATION) continue;
      if (isReservedKey(key)) return { kind, key, reason: 'reserved' };
      if (!keyMatches(key, patterns)) return { kind, key, reason: 'not-allowed' };
    }
  }
  return undefined;
}

/** The text of a refusal: which key, why, and how a cluster admin can allow it. */
export function metadataRefusalMessage(r: MetadataRefusal, account: string | undefined): string {
  if (r.reason === 'reserved') {
    return `${r.kind} "${r.key}" is reserved to cluster admins: keys of kubernetes.io, k8s.io and kiosk.sh (and their subdomains, e.g. pod-security.kubernetes.io) cannot be set or changed by tenants; a cluster admin can set it for every space of the account in spec.space.spaceTemplate.metadata.${r.kind}s of Account ${account ?? '<account>'}`;
  }
  const field = r.kind === 'label' ? 'allowedLabels' : 'allowedAnnotations';
  return `${r.kind} "${r.key}" is not allowed on spaces of account ${account ?? '<none>'}: a cluster admin can allow it in spec.space.${field} of the Account (or for every account with the chart value spaces.${field})`;
}
