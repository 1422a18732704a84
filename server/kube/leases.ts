import { resourceClient, type KubeObject } from './objects';
import { R } from './resources';

export interface Lease extends KubeObject {
  spec: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

/** coordination.k8s.io Leases, for leader election. */
export const leases = resourceClient<Lease>(R.leases);
