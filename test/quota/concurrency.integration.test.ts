// Exactness under concurrency: many users creating in many spaces at once, two controller replicas answering, one of
// them killed and restarted in the middle. The admitted count must equal the limit, every time.
import { afterAll, describe, expect, it } from 'vitest';
import { controllerPorts } from '@/scripts/lib/atrium';
import { startReplica, type Replica } from '@/test/support/controller-replica';
import { podReview, sendReview } from './direct-review';
import { applyQuota, createAs, deleteQuota, expectUsage, kubectlJson, kubectlOk, podManifest, testAccount, uniqueName, usageRecord } from './support';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const USERS = ['quota-u1', 'quota-u2', 'quota-u3', 'quota-u4'];
const podsPath = (ns: string) => `/api/v1/namespaces/${ns}/pods`;

/** Every user creates pods in every space, all at once; returns how many were created and how the others failed. */
async function burst(spaces: string[], perUserAndSpace: number, tag: string) {
  const attempts = USERS.flatMap((user) => spaces.flatMap((ns) => Array.from({ length: perUserAndSpace }, (_, i) =>
    createAs(podsPath(ns), podManifest(`${tag}-${user}-${i}`, ns, { requests: { cpu: '500m' }, limits: { cpu: '500m' } }), { user, groups: ['system:authenticated'] }))));
  const results = await Promise.all(attempts);
  const failures = results.filter((r) => !r.ok) as { message: string }[];
  return { created: results.length - failures.length, failures: failures.map((f) => f.message) };
}

describe('concurrent admissions', () => {
  it('many users in many spaces at the limit: exactly the limit is admitted, run after run', async () => {
    const a = await testAccount('burst', 4, USERS);
    const q = uniqueName('aq');
    cleanups.push(() => deleteQuota(q), () => a.cleanup());
    await applyQuota(q, a.name, { hard: { pods: '12', 'limits.cpu': '6' } });
    for (let run = 1; run <= 3; run++) {
      const { created, failures } = await burst(a.spaces, 4, `r${run}`);
      expect(created, `run ${run}`).toBe(12);
      expect(failures).toHaveLength(64 - 12);
      for (const f of failures) expect(f).toMatch(new RegExp(`is forbidden: exceeded quota: ${q}, requested: (limits\\.cpu=500m,)?pods=1, used: `));
      const pods = (await Promise.all(a.spaces.map((ns) => kubectlJson(['-n', ns, 'get', 'pods'])))).flatMap((l) => l.items);
      expect(pods).toHaveLength(12);
      await expectUsage(q, { pods: '12', 'limits.cpu': '6' });
      await Promise.all(a.spaces.map((ns) => kubectlOk(['-n', ns, 'delete', 'pods', '--all', '--wait=false'])));
      await expectUsage(q, { pods: '0', 'limits.cpu': '0' }, 30_000);
    }
  }, 300_000);
});

describe('two replicas', () => {
  let b: Replica | undefined;
  afterAll(async () => b?.stop());

  it('admissions sent to both replicas and through the API server never pass the limit, also when one replica is killed and restarted', async () => {
    const a = await testAccount('replicas', 3, USERS);
    const q = uniqueName('aq');
    cleanups.push(() => deleteQuota(q), () => a.cleanup());
    await applyQuota(q, a.name, { hard: { pods: '30' } });
    const name = uniqueName('quota-replica');
    b = await startReplica(name);
    // An AdmissionReview as the API server sends it (with its webhook client certificate), for a pod that will never
    // be created: the replica must charge it (so it counts) and the usage controller must release it once it is sure
    // the pod never came.
    const review = (ns: string, i: number) => podReview(ns, `direct-${i}`, USERS[i % USERS.length]!);
    // like a Service in front of the replicas: a replica that is down is skipped, and the same review sent again
    let retries = 0;
    const admit = async (i: number, ns: string) => {
      const body = review(ns, i);
      const ports = () => [i % 2 === 0 ? controllerPorts.serving : b?.servingPort, controllerPorts.serving];
      for (let attempt = 0; ; attempt++) {
        const port = ports()[Math.min(attempt, 1)] ?? controllerPorts.serving;
        try {
          const answer = await sendReview(port, body);
          if (!answer.allowed && answer.message?.includes('not synced')) throw new Error(answer.message);
          return answer;
        } catch (e) {
          retries++;
          if (attempt > 20) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };

    let restarted: Promise<Replica> | undefined;
    const direct: Promise<{ allowed: boolean; message?: string }>[] = [];
    const real: ReturnType<typeof createAs>[] = [];
    for (let i = 0; i < 90; i++) {
      const ns = a.spaces[i % a.spaces.length]!;
      direct.push(admit(i, ns));
      if (i % 3 === 0) real.push(createAs(podsPath(ns), podManifest(`real-${i}`, ns), { user: USERS[i % USERS.length]!, groups: ['system:authenticated'] }));
      if (i === 30) {
        // kill replica B in the middle of the load, without a chance to finish its writes, and bring it back
        await b!.stop('SIGKILL');
        b = undefined;
        restarted = startReplica(name).then((r) => (b = r));
      }
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 20));
    }
    const answers = await Promise.all(direct);
    const created = (await Promise.all(real)).filter((r) => r.ok).length;
    // the restarted replica answers like the other one: the account is full
    await restarted;
    // (compared with the other replica's answer to the same dry run: the direct reviews' charges are released as
    // soon as the API server says their pods do not exist, so "full" lasts only until then; retried if a release
    // lands between the two answers)
    const dryRun = () => ({ ...review(a.spaces[0]!, 1000), request: { ...review(a.spaces[0]!, 1000).request, uid: 'late', dryRun: true } });
    let late: { allowed: boolean; message?: string } | undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const [fromB, fromA] = await Promise.all([sendReview(b!.servingPort, dryRun()), sendReview(controllerPorts.serving, dryRun())]);
      if (JSON.stringify(fromB) === JSON.stringify(fromA)) {
        late = fromB;
        break;
      }
    }
    expect(late).toBeDefined();
    if (!late!.allowed) expect(late!.message).toMatch(new RegExp(`^pods "direct-1000" is forbidden: exceeded quota: ${q}, requested: pods=1, used: pods=30, limited: pods=30$`));
    const allowed = answers.filter((x) => x.allowed).length;
    for (const x of answers.filter((y) => !y.allowed)) expect(x.message).toMatch(new RegExp(`is forbidden: exceeded quota: ${q}, requested: pods=1, used: pods=30, limited: pods=30`));
    expect(allowed + created).toBe(30);
    expect(created).toBeGreaterThan(0);
    // the direct reviews' pods never appear: their charges are released, what remains is the real pods
    await expectUsage(q, { pods: String(created) }, 90_000);
    expect((await usageRecord(q))?.charges).toBe(0);
    const pods = (await Promise.all(a.spaces.map((ns) => kubectlJson(['-n', ns, 'get', 'pods'])))).flatMap((l) => l.items);
    expect(pods).toHaveLength(created);
    console.log(`two replicas: ${allowed} direct admissions + ${created} API server creates = 30; ${retries} reviews re-sent after the kill`);
  }, 300_000);
});
