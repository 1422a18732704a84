import 'server-only';
import type { AuditFilter } from '@/server/audit';
import type { Caller } from '@/server/auth/session';
import { consolePermissions } from '@/server/queries/console-permissions';
import { KubeApiError } from '@/server/kube';
import { listMyAccounts } from '@/server/queries/accounts';

export interface AuditScope {
  /** Everything (a cluster admin), or the accounts a tenant belongs to plus what they did themselves. */
  all: boolean;
  visibleTo?: NonNullable<AuditFilter['visibleTo']>;
}

/**
 * Which events a person may read, decided from what the cluster answers as that person: whoever may list the
 * config.kiosk.sh accounts sees all; anyone else sees events of the accounts tenancy.kiosk.sh lists for them, and
 * their own actions. Applied in the SQL filter, never in the browser.
 */
export async function auditScope(caller: Caller): Promise<AuditScope> {
  if ((await consolePermissions(caller)).listAuditOfAll) return { all: true };
  const accounts = await listMyAccounts(caller).catch((err: unknown) => {
    // Not allowed to list accounts at all: no account's events, only the person's own.
    if (err instanceof KubeApiError && (err.code === 403 || err.code === 404)) return [];
    throw err;
  });
  return { all: false, visibleTo: { accounts: accounts.map((a) => a.name), username: caller.person.username } };
}

/** The filter narrowed to what the person may see; the person's own filters can only narrow it further. */
export function scopedFilter(filter: AuditFilter, scope: AuditScope): AuditFilter {
  return scope.all ? filter : { ...filter, visibleTo: scope.visibleTo };
}
