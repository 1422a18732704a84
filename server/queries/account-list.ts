import 'server-only';
import type { Caller } from '@/server/auth/session';
import { KubeApiError, R, accountQuotas, describeKubeError, resourceClient, type AccountObject } from '@/server/kube';
import { pageOfAccounts, type AccountListQuery, type AccountRow } from './account-list-page';
import { fullestResource, toQuotaView } from './quota-usage-view';

const configAccounts = resourceClient<AccountObject>(R.accounts);

export type AccountList =
  | { ok: true; rows: AccountRow[]; total: number; all: number; page: number; quotasError?: string }
  | { ok: false; forbidden: boolean; message: string };

/**
 * The Accounts page, read as the person: config.kiosk.sh accounts and quotas, two requests in parallel. A tenant
 * gets the cluster's Forbidden for the accounts and sees none of them.
 */
export async function listAccounts(caller: Caller, query: AccountListQuery): Promise<AccountList> {
  const [accounts, quotas] = await Promise.all([
    configAccounts.list({ as: caller.as }).catch((err: unknown) => err),
    accountQuotas.list({ as: caller.as }).catch((err: unknown) => err),
  ]);
  if (accounts instanceof KubeApiError) return { ok: false, forbidden: accounts.code === 403, message: describeKubeError(accounts) };
  if (accounts instanceof Error) throw accounts;
  if (quotas instanceof Error && !(quotas instanceof KubeApiError)) throw quotas;
  const byAccount = new Map<string, ReturnType<typeof toQuotaView>[]>();
  if (!(quotas instanceof Error)) {
    for (const q of (quotas as Awaited<ReturnType<typeof accountQuotas.list>>).items) {
      const list = byAccount.get(q.spec?.account) ?? [];
      list.push(toQuotaView(q));
      byAccount.set(q.spec?.account, list);
    }
  }
  const rows: AccountRow[] = (accounts as Awaited<ReturnType<typeof configAccounts.list>>).items.map((a) => {
    const limit = a.spec?.space?.limit;
    return {
      name: a.metadata.name ?? '',
      spaces: a.status?.namespaces?.length ?? 0,
      limit: typeof limit === 'number' ? limit : undefined,
      subjects: (a.spec?.subjects ?? []).map((s) => (s.kind === 'User' ? s.name : `${s.kind}:${s.namespace ? `${s.namespace}/` : ''}${s.name}`)),
      fullest: fullestResource(byAccount.get(a.metadata.name ?? '') ?? []),
    };
  });
  const page = pageOfAccounts(rows, query);
  return { ok: true, ...page, all: rows.length, quotasError: quotas instanceof KubeApiError ? describeKubeError(quotas) : undefined };
}
