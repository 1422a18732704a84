import { controllerUp } from '../../scripts/lib/atrium';
import { clusterUp } from '../../scripts/lib/cluster';

/** Vitest global setup: the integration tier runs against the real dev control plane with Atrium installed. */
export default async function setup() {
  await clusterUp();
  await controllerUp();
}
