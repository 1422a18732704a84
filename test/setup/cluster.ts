import { controllerUp } from '../../scripts/lib/atrium';
import { clusterUp } from '../../scripts/lib/cluster';
import { idpUp } from '../../scripts/lib/idp';

/**
 * Vitest global setup: the integration tier runs against the real dev control
 * plane with Atrium installed, and the development identity provider it trusts.
 */
export default async function setup() {
  await clusterUp();
  await idpUp();
  await controllerUp();
}
