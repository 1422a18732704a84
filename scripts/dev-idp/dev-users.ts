/** A person of the development identity provider. */
export interface DevUser {
  /** The login name, the ID token's `sub` and so the Kubernetes username. */
  username: string;
  name: string;
  email: string;
  /** The `groups` claim; the same groups devcluster/pki.go gives the static-token users. */
  groups: string[];
  /** What the person is for in the walkthrough, shown by the demo command. */
  role: string;
}

const user = (username: string, name: string, groups: string[], role: string): DevUser => ({
  username, name, email: `${username}@atrium.example`, groups, role,
});

export const devUsers: readonly DevUser[] = [
  user('admin', 'Ada Admin', [], 'cluster admin (cluster-admin in the dev cluster only)'),
  user('dev', 'Dev Eloper', [], 'tenant: node-account'),
  user('dba', 'Dee Bea', [], 'tenant: redis-account'),
  user('alice', 'Alice', ['team-a'], 'group team-a'),
  user('bob', 'Bob', ['team-b'], 'group team-b'),
  user('carol', 'Carol', ['team-a', 'team-b'], 'groups team-a and team-b'),
];

export function findDevUser(username: string): DevUser | undefined {
  return devUsers.find((u) => u.username === username);
}
