import { afterAll, describe, expect, it } from 'vitest';
import { eventually, kubectl, kubectlJson, uniqueName } from '@/test/support/kubectl';
import { startReplica, type Replica } from '@/test/support/controller-replica';

// Replicas on a Lease of their own, so the shared dev controller is not disturbed.
describe('leader election across replicas', () => {
  const lease = uniqueName('lease');
  const replicas: Replica[] = [];
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop('SIGKILL')));
    await kubectl(['-n', 'kiosk', 'delete', 'lease', lease, '--ignore-not-found']);
  });

  it('elects exactly one leader, hands over at once on graceful shutdown, and after a crash within the lease duration', async () => {
    const env = { ATRIUM_LEASE_NAME: lease };
    replicas.push(await startReplica(`${lease}-a`, env), await startReplica(`${lease}-b`, env), await startReplica(`${lease}-c`, env));
    const leaders = async () => (await Promise.all(replicas.map(async (r) => (r.process.exitCode === null && r.process.signalCode === null && (await r.isLeader()) ? r : undefined)))).filter(Boolean) as Replica[];
    const first = (await eventually(async () => ((await leaders()).length === 1 ? await leaders() : undefined), 'one leader'))[0]!;
    expect((await kubectlJson(['-n', 'kiosk', 'get', 'lease', lease])).spec.holderIdentity).toBe(first.name);
    // every replica is ready (serves webhooks), leader or not
    for (const r of replicas) expect((await fetch(`http://127.0.0.1:${r.healthPort}/readyz`)).status).toBe(200);

    const graceful = Date.now();
    await first.stop('SIGTERM');
    const second = (await eventually(async () => ((await leaders()).length === 1 ? await leaders() : undefined), 'a new leader after SIGTERM'))[0]!;
    expect(second.name).not.toBe(first.name);
    expect(Date.now() - graceful).toBeLessThan(8_000); // released, not waited out

    const crashed = Date.now();
    await second.stop('SIGKILL');
    const third = (await eventually(async () => ((await leaders()).length === 1 ? await leaders() : undefined), 'a new leader after SIGKILL', 60_000))[0]!;
    expect([first.name, second.name]).not.toContain(third.name);
    expect(Date.now() - crashed).toBeGreaterThan(10_000); // the crashed leader's lease had to expire first
    expect((await kubectlJson(['-n', 'kiosk', 'get', 'lease', lease])).spec.leaseTransitions).toBeGreaterThanOrEqual(2);
  });
});
