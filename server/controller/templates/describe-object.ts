import type { JsonValue } from '@/server/tenancy';

/**
 * How status messages name one object of a template: where it came from, then its kind and name when it has them —
 * `manifests[2] (ConfigMap app-config)`, `helm[0] (Deployment web)`, `manifests[1]` — so a person can find it in the
 * Template without guessing which of several ConfigMaps was meant.
 */
export function describeObject(at: string, value: JsonValue): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return at;
  const kind = typeof value.kind === 'string' && value.kind ? value.kind : undefined;
  const meta = value.metadata;
  const name = meta && typeof meta === 'object' && !Array.isArray(meta) && typeof meta.name === 'string' && meta.name ? meta.name : undefined;
  if (!kind && !name) return at;
  return `${at} (${[kind ?? '<no kind>', name].filter(Boolean).join(' ')})`;
}
