import 'server-only';
import { resourceSuggestions, type ResourceSuggestion } from '@/components/quotas/resource-suggestions';
import type { Caller } from '@/server/auth/session';
import { KubeApiError, R, accountQuotas, accounts, describeKubeError, listServedResources, resourceClient, type AccountObject, type AccountQuotaObject, type KubeObject } from '@/server/kube';

const storageClasses = resourceClient<KubeObject>(R.storageClasses);

export type Refusal = { status: 403 | 404; message: string };

const refusalOf = (err: unknown): Refusal | undefined =>
  err instanceof KubeApiError && (err.code === 403 || err.code === 404) ? { status: err.code, message: describeKubeError(err) } : undefined;

/**
 * Whether the cluster lets the person make a change, asked with the change itself as a dry run: the answer is the
 * cluster's (RBAC and admission), in its words, and nothing is stored. Only a 403 is a refusal here; anything else
 * (a name taken, a value the dry run found invalid) is for the form to show later.
 */
export async function dryRunRefusal(probe: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await probe();
    return undefined;
  } catch (err) {
    if (err instanceof KubeApiError && err.code === 403) return describeKubeError(err);
    if (err instanceof KubeApiError) return undefined;
    throw err;
  }
}

/** May the person create Accounts? A dry-run create of an empty one. */
export function accountCreateRefusal(caller: Caller): Promise<string | undefined> {
  return dryRunRefusal(() => accounts.create({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { generateName: 'atrium-console-check-' }, spec: {} }, caller.as, true));
}

/** The account as the person reads it, and whether they may change it (an empty dry-run patch). */
export async function accountForEdit(caller: Caller, name: string): Promise<{ ok: true; account: AccountObject; refusal?: string } | ({ ok: false } & Refusal)> {
  try {
    const [account, refusal] = await Promise.all([accounts.get(name, undefined, caller.as), dryRunRefusal(() => accounts.patch(name, {}, { as: caller.as, dryRun: true }))]);
    if (!account) return { ok: false, status: 404, message: `accounts.config.kiosk.sh "${name}" not found` };
    return { ok: true, account, refusal };
  } catch (err) {
    const r = refusalOf(err);
    if (r) return { ok: false, ...r };
    throw err;
  }
}

/** A quota of `account` as the person reads it, and whether they may change it. */
export async function quotaForEdit(caller: Caller, account: string, name: string): Promise<{ ok: true; quota: AccountQuotaObject; refusal?: string } | ({ ok: false } & Refusal)> {
  try {
    const [quota, refusal] = await Promise.all([accountQuotas.get(name, undefined, caller.as), dryRunRefusal(() => accountQuotas.patch(name, {}, { as: caller.as, dryRun: true }))]);
    if (!quota || quota.spec?.account !== account) return { ok: false, status: 404, message: `accountquotas.config.kiosk.sh "${name}" not found in account ${account}` };
    return { ok: true, quota, refusal };
  } catch (err) {
    const r = refusalOf(err);
    if (r) return { ok: false, ...r };
    throw err;
  }
}

/** May the person create AccountQuotas for `account`? A dry-run create, through the controller's quota webhook too. */
export function quotaCreateRefusal(caller: Caller, account: string): Promise<string | undefined> {
  return dryRunRefusal(() =>
    accountQuotas.create({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'AccountQuota', metadata: { generateName: 'atrium-console-check-' }, spec: { account, quota: { hard: {} } } }, caller.as, true));
}

/**
 * The resource picker's names: the standard ones, object counts of what the cluster serves and storage per storage
 * class, all read as the person (who sees what discovery and RBAC show them). A part they may not read is left out.
 */
export async function quotaResourceOptions(caller: Caller): Promise<ResourceSuggestion[]> {
  const [served, classes] = await Promise.all([
    listServedResources(caller.as).catch(() => []),
    storageClasses.list({ as: caller.as }).then((l) => l.items.map((c) => c.metadata.name ?? '').filter(Boolean)).catch(() => []),
  ]);
  return resourceSuggestions(served, classes);
}
