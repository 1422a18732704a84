import 'server-only';
import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { withAudit, type AuditActor, type AuditTarget, type OutcomeOf } from '@/server/audit';
import type { Caller } from '@/server/auth/session';
import type { Person } from '@/server/auth/person';

/** The audit trail's view of a signed-in person: who, with which groups, and how they signed in. */
export function actorOf(person: Person): AuditActor {
  return { username: person.username, groups: person.groups, via: person.via, ...(person.issuer ? { issuer: person.issuer } : {}) };
}

/** The browser's address as the first proxy in front of the console saw it. */
export async function clientAddress(): Promise<string | undefined> {
  const h = await headers();
  return h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || undefined;
}

/**
 * One console mutation made as the person and written to the audit trail: refused before anything changes when
 * the audit database is unreachable (AuditUnavailableError), recorded with the cluster's answer otherwise.
 */
export async function auditedChange<T>(
  caller: Caller,
  what: { action: string; target: AuditTarget; summary?: Record<string, unknown> },
  run: () => Promise<T>,
  outcomeOf?: OutcomeOf<T>,
): Promise<T> {
  return withAudit(
    { requestId: randomUUID(), source: 'console', actor: actorOf(caller.person), clientAddress: await clientAddress(), ...what },
    run,
    outcomeOf,
  );
}
