import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controllerPorts, controllerUp } from '@/scripts/lib/atrium';
import { stopDaemon } from '@/scripts/lib/proc';
import { eventually, kubectl, kubectlJson, kubectlOk, uniqueName } from '@/test/support/kubectl';
import { startReplica } from '@/test/support/controller-replica';

// Stops the shared dev controller for a while, so it runs in the serial tier.
describe('controller restart in the middle of reconciling', () => {
  const account = uniqueName('restart');
  const spaces = Array.from({ length: 60 }, (_, i) => `${account}-${i}`);
  beforeAll(async () => {
    await stopDaemon('controller');
  });
  afterAll(async () => {
    await kubectl(['delete', 'account', account, '--ignore-not-found']);
    await kubectl(['delete', 'namespace', '--wait=false', '--ignore-not-found', ...spaces]);
    await controllerUp();
  });

  it('converges after a crash: every space gets its binding with the new subjects', async () => {
    const first = await startReplica(`${account}-first`, {}, controllerPorts);
    await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: account }, spec: { subjects: [{ kind: 'User', name: 'dev' }] } }));
    await kubectlOk(['apply', '-f', '-'], spaces.map((s) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${s}, labels: {kiosk.sh/account: ${account}}}\n`).join('---\n'));
    // Change the subjects and crash at once, while the 60 spaces are being reconciled.
    await kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: account }, spec: { subjects: [{ kind: 'User', name: 'dba' }] } }));
    await first.stop('SIGKILL');
    const before = (await Promise.all(spaces.map(async (s) => (await kubectlJson(['-n', s, 'get', 'rolebindings'])).items)))
      .filter((rbs) => rbs.length === 1 && rbs[0].subjects?.[0]?.name === 'dba').length;

    const second = await startReplica(`${account}-second`, {}, controllerPorts);
    try {
      await eventually(async () => {
        const done = await Promise.all(spaces.map(async (s) => {
          const rbs = (await kubectlJson(['-n', s, 'get', 'rolebindings'])).items;
          return rbs.length === 1 && rbs[0].subjects.map((x: any) => x.name).join() === 'dba';
        }));
        return done.every(Boolean);
      }, 'all 60 spaces to bind dba only', 90_000);
      expect((await kubectlJson(['get', 'account', account])).status.namespaces).toHaveLength(60);
      // The crash really interrupted the work (otherwise this test would prove nothing).
      expect(before).toBeLessThan(60);
      expect(await second.metric('atrium_reconcile_total')).toBeGreaterThan(0);
    } finally {
      await second.stop();
    }
  });
});
