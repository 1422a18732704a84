import type { AccountQuotaObject } from '@/server/kube';
import { parseQuantity } from '@/server/tenancy/quota/quantity';

/** One resource of a quota: the cluster's text for people, and numbers in the resource's base unit for charts. */
export interface ResourceUsage {
  resource: string;
  used: string;
  hard: string;
  usedValue: number;
  hardValue: number;
  /** used / hard; 1 when hard is 0 and anything is used. */
  fraction: number;
}

/** What one space of the account uses of each resource of a quota. */
export interface SpaceUsage {
  space: string;
  used: Record<string, { text: string; value: number }>;
}

/** An AccountQuota as the account pages show it. */
export interface QuotaView {
  name: string;
  scopes: string[];
  resources: ResourceUsage[];
  spaces: SpaceUsage[];
  /** False until the controller wrote a status: the numbers are then only the limits. */
  counted: boolean;
}

interface QuotaStatus {
  total?: { hard?: Record<string, string>; used?: Record<string, string> };
  namespaces?: { namespace: string; status?: { used?: Record<string, string> } }[];
}

/** A quantity in its base unit (cores, bytes, objects); a value the cluster would not accept counts as 0. */
export function quantityValue(text: string | undefined): number {
  if (text === undefined) return 0;
  try {
    return Number(parseQuantity(text).nanos) / 1e9;
  } catch {
    return 0;
  }
}

const fractionOf = (used: number, hard: number) => (hard > 0 ? used / hard : used > 0 ? 1 : 0);

export function toQuotaView(q: AccountQuotaObject): QuotaView {
  const status = (q.status ?? {}) as QuotaStatus;
  const hard = { ...(q.spec.quota?.hard ?? {}), ...(status.total?.hard ?? {}) };
  const used = status.total?.used ?? {};
  const resources = Object.keys(hard).sort().map((resource) => {
    const usedText = used[resource] ?? '0';
    const usedValue = quantityValue(usedText);
    const hardValue = quantityValue(hard[resource]);
    return { resource, used: usedText, hard: hard[resource]!, usedValue, hardValue, fraction: fractionOf(usedValue, hardValue) };
  });
  const spaces = (status.namespaces ?? []).map((n) => ({
    space: n.namespace,
    used: Object.fromEntries(Object.entries(n.status?.used ?? {}).map(([r, t]) => [r, { text: t, value: quantityValue(t) }])),
  }));
  return { name: q.metadata.name ?? '', scopes: q.spec.quota?.scopes ?? [], resources, spaces, counted: q.status !== undefined && status.total !== undefined };
}

/** The resource closest to its limit over all quotas, for "quota use at a glance". */
export function fullestResource(quotas: readonly QuotaView[]): (ResourceUsage & { quota: string }) | undefined {
  let best: (ResourceUsage & { quota: string }) | undefined;
  for (const q of quotas) for (const r of q.resources) if (!best || r.fraction > best.fraction) best = { ...r, quota: q.name };
  return best;
}
