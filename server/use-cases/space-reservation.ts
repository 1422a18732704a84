import { ACCOUNT_LABEL, checkSpaceLimit } from '@/server/tenancy';
import { accounts, isConflict, namespaces, type AccountObject, type SpaceReservation } from '@/server/kube';

/** A reservation outlives a creator that died between reserving and creating by at most this long. */
export const RESERVATION_TTL_MS = 3 * 60_000;

export type ReserveResult = { ok: true } | { ok: false; reason: 'limit'; limit: number } | { ok: false; reason: 'missing' };

const live = (rs: SpaceReservation[] | undefined, now: number) => (rs ?? []).filter((r) => Date.parse(r.expiresAt) > now);

/**
 * Takes one of the account's space slots for `space`, race-free: the count is
 * read from the API server (not a cache) and the reservation is written to the
 * Account's status with its resourceVersion as a precondition. Two creators
 * that read the same state cannot both write; the loser re-reads, now sees the
 * winner's reservation, and is refused if the limit is reached. Works across
 * any number of controller replicas because the API server arbitrates.
 * See docs/adr/0002-race-free-space-limit.md.
 */
export async function reserveSpace(accountName: string, space: string): Promise<ReserveResult> {
  for (let attempt = 0; ; attempt++) {
    const account = await accounts.get(accountName);
    if (!account) return { ok: false, reason: 'missing' };
    const limit = account.spec?.space?.limit;
    if (limit === undefined || limit === null) return { ok: true };
    const existing = (await namespaces.list({ labelSelector: `${ACCOUNT_LABEL}=${accountName}` })).items.map((ns) => ns.metadata.name!);
    const now = Date.now();
    const pending = live(account.status?.spaceReservations, now).filter((r) => !existing.includes(r.space) && r.space !== space);
    const check = checkSpaceLimit(limit, existing.filter((n) => n !== space).length + pending.length);
    if (!check.ok) return { ok: false, reason: 'limit', limit: check.limit };
    const status = { ...account.status, spaceReservations: [...pending, { space, expiresAt: new Date(now + RESERVATION_TTL_MS).toISOString() }] };
    try {
      await accounts.updateStatus({ ...account, status } as AccountObject);
      return { ok: true };
    } catch (e) {
      if (!isConflict(e) || attempt > 50) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * Math.min(attempt + 1, 10)));
    }
  }
}

/** Gives the slot back (the space was not created). Best effort: reservations also expire. */
export async function releaseSpace(accountName: string, space: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const account = await accounts.get(accountName);
    const rs = account?.status?.spaceReservations ?? [];
    if (!account || !rs.some((r) => r.space === space)) return;
    try {
      await accounts.updateStatus({ ...account, status: { ...account.status, spaceReservations: rs.filter((r) => r.space !== space) } });
      return;
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
  }
}
