// ResourceList arithmetic with the semantics of k8s.io/apiserver/pkg/quota/v1 (Add, Subtract, Mask, LessThanOrEqual …).
import { addQuantity, compareQuantity, formatQuantity, parseQuantity, subtractQuantity, zeroQuantity, type Quantity } from './quantity';

/** Resource name → quantity (`corev1.ResourceList`). */
export type ResourceList = Readonly<Record<string, Quantity>>;

/** The wire form of a ResourceList: `{ "limits.cpu": "2", "pods": 3 }`. */
export type ResourceListText = Readonly<Record<string, string | number>>;

/**
 * Parses a ResourceList from its wire form.
 * @throws Error naming the resource whose quantity does not parse.
 */
export function parseResourceList(text: ResourceListText | undefined | null): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const [name, value] of Object.entries(text ?? {})) {
    try {
      out[name] = parseQuantity(value);
    } catch (e) {
      throw new Error(`${name}: ${(e as Error).message}`);
    }
  }
  return out;
}

/** The wire form of a ResourceList, each quantity in canonical text. */
export function formatResourceList(list: ResourceList): Record<string, string> {
  return Object.fromEntries(Object.entries(list).map(([name, q]) => [name, formatQuantity(q)]));
}

/** a + b per resource; resources of only one side are copied (`quota.Add`). */
export function addResources(a: ResourceList, b: ResourceList): ResourceList {
  const out: Record<string, Quantity> = { ...a };
  for (const [name, q] of Object.entries(b)) out[name] = name in out ? addQuantity(out[name]!, q) : q;
  return out;
}

/** a - b per resource; resources only in b become negative (`quota.Subtract`). */
export function subtractResources(a: ResourceList, b: ResourceList): ResourceList {
  const out: Record<string, Quantity> = { ...a };
  for (const [name, q] of Object.entries(b)) {
    out[name] = name in out ? subtractQuantity(out[name]!, q) : { nanos: -q.nanos, format: q.format };
  }
  return out;
}

/** a - b per resource, negative results as zero (`quota.SubtractWithNonNegativeResult`). */
export function subtractResourcesNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const diff = name in a ? (name in b ? subtractQuantity(a[name]!, b[name]!) : a[name]!) : zeroQuantity();
    out[name] = diff.nanos > 0n ? diff : zeroQuantity();
  }
  return out;
}

/** Only the resources named (`quota.Mask`). */
export function maskResources(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const name of names) if (name in list) out[name] = list[name]!;
  return out;
}

/** Without zero quantities (`quota.RemoveZeros`). */
export function removeZeros(list: ResourceList): ResourceList {
  return Object.fromEntries(Object.entries(list).filter(([, q]) => q.nanos !== 0n));
}

/** Only the positive quantities: what a change adds. */
export function positiveResources(list: ResourceList): ResourceList {
  return Object.fromEntries(Object.entries(list).filter(([, q]) => q.nanos > 0n));
}

/** Per resource, the larger of the two; b's quantity replaces a's only when strictly greater. */
export function maxResources(a: ResourceList, b: ResourceList): ResourceList {
  const out: Record<string, Quantity> = { ...a };
  for (const [name, q] of Object.entries(b)) if (!(name in out) || compareQuantity(q, out[name]!) > 0) out[name] = q;
  return out;
}

/**
 * Whether every resource of `limit` that `usage` also has is within it, and the names that are not
 * (`quota.LessThanOrEqual`), sorted.
 */
export function lessThanOrEqual(usage: ResourceList, limit: ResourceList): { ok: boolean; exceeded: string[] } {
  const exceeded = Object.keys(limit).filter((name) => name in usage && compareQuantity(usage[name]!, limit[name]!) > 0).sort();
  return { ok: exceeded.length === 0, exceeded };
}

/** Equal values for the same resources (formats may differ: `2k` equals `2000`). */
export function equalResources(a: ResourceList, b: ResourceList): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((n) => n in b && a[n]!.nanos === b[n]!.nanos);
}

/** `name=value` pairs sorted by name and joined with commas, as upstream quota messages print them. */
export function prettyPrint(list: ResourceList): string {
  return Object.keys(list).sort().map((name) => `${name}=${formatQuantity(list[name]!)}`).join(',');
}
