import { clusterUp } from '../../scripts/lib/cluster';

/** Vitest global setup: the integration tier runs against the real dev control plane. */
export default async function setup() {
  await clusterUp();
}
