import 'server-only';
import type { Caller } from '@/server/auth/session';
import { KubeApiError, R, accountQuotas, describeKubeError, resourceClient, selfRules, type AccountObject, type AccountQuotaObject } from '@/server/kube';
import { toQuotaView, type QuotaView } from './quota-usage-view';

const configAccounts = resourceClient<AccountObject>(R.accounts);

/** An account's quotas and where its usage goes, as the person may see it. */
export interface AccountUsage {
  name: string;
  spaces: string[];
  /** Most spaces it may own; undefined = no limit. */
  limit?: number;
  subjects: { kind: string; name: string; namespace?: string }[];
  quotas: QuotaView[];
  /** When the cluster refused the quotas but not the account: its words. */
  quotasError?: string;
  /** When it was read (epoch ms). */
  readAt: number;
  /** The version read: a delete is made only if the account is still this one. */
  resourceVersion: string;
  /** Whether deleting the account deletes its spaces too (spec.space.deleteSpacesOnAccountDeletion). */
  deleteSpacesOnAccountDeletion: boolean;
}

export type AccountUsageResult = { ok: true; usage: AccountUsage } | { ok: false; status: 403 | 404; message: string };

const refusal = (err: unknown): { status: 403 | 404; message: string } | undefined =>
  err instanceof KubeApiError && (err.code === 403 || err.code === 404) ? { status: err.code, message: describeKubeError(err) } : undefined;

/**
 * The quotas of one account, read as the person. An admin may list them all; a member may only get their own
 * account's by name (the account's ClusterRole names them), so for them the names come from what RBAC grants.
 */
async function quotasOf(caller: Caller, account: string): Promise<AccountQuotaObject[]> {
  try {
    return (await accountQuotas.list({ as: caller.as })).items.filter((q) => q.spec?.account === account);
  } catch (err) {
    if (!(err instanceof KubeApiError && err.code === 403)) throw err;
  }
  const names = new Set<string>();
  for (const rule of await selfRules(caller.as)) {
    const group = rule.apiGroups?.some((g) => g === 'config.kiosk.sh' || g === '*');
    const resource = rule.resources?.some((r) => r === 'accountquotas' || r === '*');
    const get = rule.verbs.some((v) => v === 'get' || v === '*');
    if (group && resource && get) for (const n of rule.resourceNames ?? []) names.add(n);
  }
  // The person may belong to several accounts: each quota says whose it is.
  const got = await Promise.all([...names].map((n) => accountQuotas.get(n, undefined, caller.as).catch((err: unknown) => (refusal(err) ? undefined : Promise.reject(err)))));
  return got.filter((q): q is AccountQuotaObject => !!q && q.spec?.account === account);
}

/**
 * The account page's data: the account (the cluster's 403 or 404 when the person may not see it, so a tenant
 * reaching another account's URL gets the refusal, not the data) and its quotas with each space's share.
 */
export async function getAccountUsage(caller: Caller, name: string): Promise<AccountUsageResult> {
  let account: AccountObject | undefined;
  try {
    account = await configAccounts.get(name, undefined, caller.as);
  } catch (err) {
    const r = refusal(err);
    if (r) return { ok: false, ...r };
    throw err;
  }
  if (!account) return { ok: false, status: 404, message: `accounts.config.kiosk.sh "${name}" not found` };
  let quotas: QuotaView[] = [];
  let quotasError: string | undefined;
  try {
    quotas = (await quotasOf(caller, name)).map(toQuotaView).sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    if (!(err instanceof KubeApiError)) throw err;
    quotasError = describeKubeError(err);
  }
  const limit = account.spec?.space?.limit;
  return {
    ok: true,
    usage: {
      name,
      spaces: (account.status?.namespaces ?? []).map((n) => n.name).sort(),
      limit: typeof limit === 'number' ? limit : undefined,
      subjects: (account.spec?.subjects ?? []).map((s) => ({ kind: s.kind, name: s.name, ...(s.namespace ? { namespace: s.namespace } : {}) })),
      quotas,
      quotasError,
      readAt: Date.now(),
      resourceVersion: account.metadata.resourceVersion ?? '',
      deleteSpacesOnAccountDeletion: !!account.spec?.space?.deleteSpacesOnAccountDeletion,
    },
  };
}
