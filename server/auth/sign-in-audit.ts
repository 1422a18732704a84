import 'server-only';
import type { Person } from './person';

export interface SignInEvent {
  outcome: 'done' | 'denied';
  via: Person['via'];
  person?: Person;
  action?: 'auth.signin' | 'auth.signout';
  message?: string;
  clientAddress?: string;
}

/** Sign-in, sign-out and failed sign-in, for the audit trail. Never given a credential. */
export async function recordSignIn(e: SignInEvent): Promise<void> {
  const action = e.action ?? (e.outcome === 'done' ? 'auth.signin' : 'auth.signin-failed');
  console.log(JSON.stringify({ msg: action, user: e.person?.username, via: e.via, outcome: e.outcome, message: e.message }));
}
