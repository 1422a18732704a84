import type { Person, SessionState } from './person';

declare module 'next-auth' {
  /** What the browser may see of a session: the person, and whether it must sign in again. No credential. */
  interface Session {
    person?: Person;
    error?: SessionState['error'];
  }
}
