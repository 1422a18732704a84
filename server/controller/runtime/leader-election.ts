import { isAlreadyExists, isConflict, leases, type Lease } from '@/server/kube';

export interface LeaderElectionOptions {
  namespace: string;
  name: string;
  identity: string;
  leaseDurationSeconds?: number;
  retryPeriodMs?: number;
  onStartedLeading: () => void;
  onStoppedLeading: () => void;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

/**
 * Lease-based leader election, as client-go does it: a holder renews the
 * Lease; others take it over only after they have seen it unchanged for a
 * whole lease duration on their own clock (so clock skew between replicas
 * does not matter). Every write is a compare-and-swap on resourceVersion.
 */
export class LeaderElector {
  private leading = false;
  private stopped = false;
  private observed?: { record: string; at: number };
  private timer?: NodeJS.Timeout;
  private lastRenew = 0;

  constructor(private readonly o: LeaderElectionOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    const tick = async () => {
      if (this.stopped) return;
      let ok = false;
      try {
        ok = await this.tryAcquireOrRenew();
      } catch (err) {
        this.o.log?.('leader election error', { error: String(err) });
      }
      if (ok) this.lastRenew = Date.now();
      const duration = (this.o.leaseDurationSeconds ?? 15) * 1000;
      if (ok && !this.leading) {
        this.leading = true;
        this.o.log?.('became leader', { identity: this.o.identity });
        this.o.onStartedLeading();
      } else if (!ok && this.leading && Date.now() - this.lastRenew > duration * (2 / 3)) {
        // Could not renew within the renew deadline: someone else may take over now.
        this.leading = false;
        this.o.log?.('lost leadership', { identity: this.o.identity });
        this.o.onStoppedLeading();
      }
      if (!this.stopped) this.timer = setTimeout(tick, this.o.retryPeriodMs ?? 2000);
    };
    void tick();
  }

  /** Stops electing and, if leading, releases the Lease so a peer takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (!this.leading) return;
    this.leading = false;
    this.o.onStoppedLeading();
    const lease = await leases.get(this.o.name, this.o.namespace).catch(() => undefined);
    if (lease?.spec.holderIdentity === this.o.identity) {
      lease.spec.holderIdentity = '';
      lease.spec.leaseDurationSeconds = 1;
      await leases.update(lease).catch(() => undefined);
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    const duration = this.o.leaseDurationSeconds ?? 15;
    const lease = await leases.get(this.o.name, this.o.namespace);
    if (!lease) {
      try {
        await leases.create({
          apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
          metadata: { name: this.o.name, namespace: this.o.namespace },
          spec: { holderIdentity: this.o.identity, leaseDurationSeconds: duration, acquireTime: now, renewTime: now, leaseTransitions: 0 },
        } as Lease);
        return true;
      } catch (e) {
        if (isAlreadyExists(e)) return false;
        throw e;
      }
    }
    const record = JSON.stringify(lease.spec);
    if (this.observed?.record !== record) this.observed = { record, at: Date.now() };
    const holder = lease.spec.holderIdentity;
    const expired = !holder || this.observed.at + (lease.spec.leaseDurationSeconds ?? duration) * 1000 < Date.now();
    if (holder !== this.o.identity && !expired) return false;
    const next: Lease = {
      ...lease,
      spec: holder === this.o.identity
        ? { ...lease.spec, renewTime: now, leaseDurationSeconds: duration }
        : { holderIdentity: this.o.identity, leaseDurationSeconds: duration, acquireTime: now, renewTime: now, leaseTransitions: (lease.spec.leaseTransitions ?? 0) + 1 },
    };
    try {
      const written = await leases.update(next);
      this.observed = { record: JSON.stringify(written.spec), at: Date.now() };
      return true;
    } catch (e) {
      if (isConflict(e)) return false;
      throw e;
    }
  }
}
