import type { OwnerReference } from '@/server/kube';

/**
 * The ownerReferences to write onto a live object: those of other owners are kept (a person or another controller
 * may have added them), ours — any reference to a uid in `managedUids`, i.e. the TemplateInstance and its Template —
 * are replaced by `wanted`. The API server allows one controller reference: when another owner already is the
 * controller, ours are added as plain owners rather than being rejected.
 */
export function mergeOwnerReferences(
  live: readonly OwnerReference[] | undefined,
  wanted: readonly OwnerReference[],
  managedUids: readonly string[],
): OwnerReference[] {
  const replaced = new Set([...managedUids, ...wanted.map((o) => o.uid)]);
  const kept = (live ?? []).filter((o) => !replaced.has(o.uid));
  const otherController = kept.some((o) => o.controller);
  return [...kept, ...wanted.map((o) => (otherController && o.controller ? { ...o, controller: false } : { ...o }))];
}
