import 'server-only';
import type { Caller } from '@/server/auth/session';
import { usageSeries } from '@/server/audit';
import { accountQuotas } from '@/server/kube';

export type UsageHistory = { ok: true; samples: { at: number; used: number }[] } | { ok: false; status: 403 | 404 | 503; message: string };

/**
 * A quota's recorded usage of one resource (the account total) since a time. The audit store is read with the
 * console's own database access, so the person's right to the quota is asked of the cluster first, as them.
 */
export async function getUsageHistory(caller: Caller, account: string, quota: string, resource: string, since: Date): Promise<UsageHistory> {
  const q = await accountQuotas.get(quota, undefined, caller.as).catch((err: unknown) => err);
  if (q instanceof Error) {
    const code = (q as { code?: number }).code;
    if (code === 403) return { ok: false, status: 403, message: q.message };
    throw q;
  }
  if (!q || (q as { spec?: { account?: string } }).spec?.account !== account) return { ok: false, status: 404, message: `accountquotas.config.kiosk.sh "${quota}" not found in account ${account}` };
  try {
    const points = await usageSeries(quota, resource, since, { space: null });
    return { ok: true, samples: points.map((p) => ({ at: p.at.getTime(), used: p.used })) };
  } catch (err) {
    return { ok: false, status: 503, message: err instanceof Error ? err.message : String(err) };
  }
}
