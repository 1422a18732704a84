import 'server-only';
import { randomUUID } from 'node:crypto';
import { recordAuditEvent } from '../audit';
import type { Person } from './person';

export interface SignInEvent {
  outcome: 'done' | 'denied';
  via: Person['via'];
  person?: Person;
  action?: 'auth.signin' | 'auth.signout';
  message?: string;
  clientAddress?: string;
}

/**
 * Sign-in, sign-out and failed sign-in, for the audit trail. Never given a credential. Signing in does not wait on
 * the audit database being up (people must be able to reach the console to see that it is down): a failed write is
 * logged, and the audit store spools what it can.
 */
export async function recordSignIn(e: SignInEvent): Promise<void> {
  const action = e.action ?? (e.outcome === 'done' ? 'auth.signin' : 'auth.signin-failed');
  const actor = e.person
    ? { username: e.person.username, groups: e.person.groups, via: e.person.via, ...(e.person.issuer ? { issuer: e.person.issuer } : {}) }
    : { username: '(unknown)', groups: [], via: e.via };
  try {
    await recordAuditEvent({ requestId: randomUUID(), source: 'console', actor, action, outcome: e.outcome, message: e.message, clientAddress: e.clientAddress });
  } catch (err) {
    console.error(JSON.stringify({ msg: 'audit write failed', action, user: actor.username, error: err instanceof Error ? err.message : String(err) }));
  }
}
