import { controllerUp } from '../../scripts/lib/atrium';
import { clusterUp } from '../../scripts/lib/cluster';
import { idpUp } from '../../scripts/lib/idp';
import { stackDatabaseUp } from '../../scripts/lib/postgres';

/**
 * Vitest global setup: the integration tier runs against the real dev control plane with Atrium installed, the
 * development identity provider it trusts, and the stack's PostgreSQL (test files that need a database make their
 * own in it).
 */
export default async function setup() {
  await clusterUp();
  await idpUp();
  await stackDatabaseUp();
  await controllerUp();
}
