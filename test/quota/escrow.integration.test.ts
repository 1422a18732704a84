// AccountQuota escrow (ADR 0003): a replica paused past its grant. Reviews are sent straight to the replica, as the
// API server would through a Service in front of the replicas. (Exactness with two and three replicas, and with one
// killed mid-load: escrow-replicas.serial.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '@/test/support/controller-replica';
import { podReview, sendReview, type ReviewAnswer } from './direct-review';
import { applyQuota, deleteQuota, kubectl, testAccount, uniqueName } from './support';

const USERS = ['quota-u1', 'quota-u2'];
const cleanups: (() => Promise<unknown>)[] = [];
let c: Replica | undefined;

beforeAll(async () => {
  c = await startReplica(uniqueName('escrow-p'));
}, 120_000);
afterAll(async () => {
  for (const f of cleanups.reverse()) await f();
  await c?.stop();
});


/** The grants in a quota's usage record, by holder. */
async function grants(quota: string): Promise<Record<string, { size: Record<string, string>; until: number }>> {
  const r = await kubectl(['-n', 'kiosk', 'get', 'configmap', `atrium-aq-${quota}`, '-o', 'json']);
  const data = JSON.parse(r.stdout).data ?? {};
  return Object.fromEntries(Object.entries(data).filter(([k]) => k.startsWith('grant.')).map(([k, v]) => [k.slice('grant.'.length), JSON.parse(v as string)]));
}

/** Sends a review until a replica decides it (a retriable error — a replica down or grants not back yet — is sent again, to the next replica). */
async function decideReview(ports: () => number[], body: object, i: number, stats: { retries: number; why?: string[] }): Promise<ReviewAnswer> {
  for (let attempt = 0; ; attempt++) {
    const all = ports();
    const port = all[(i + attempt) % all.length]!;
    try {
      const a = await sendReview(port, body);
      if (a.allowed || a.code !== 500) return a;
      if (attempt > 200) return a;
      (stats.why ??= []).push(`${Date.now() % 100000} ${port}: ${a.message}`);
    } catch (e) {
      if (attempt > 200) throw e;
      (stats.why ??= []).push(`${port}: ${String(e)}`);
    }
    stats.retries++;
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('AccountQuota escrow: a paused replica', () => {
  it('a replica paused past its grant: the grant expires and returns to the account, and the resumed replica no longer admits from it', async () => {
    const a = await testAccount('escrowp', 2, USERS);
    const q = uniqueName('aq');
    cleanups.push(() => deleteQuota(q), () => a.cleanup());
    await applyQuota(q, a.name, { hard: { pods: '1000' } });
    const stats = { retries: 0 };
    // replica C takes a grant and admits from it
    const first = await Promise.all(Array.from({ length: 40 }, (_, i) => decideReview(() => [c!.servingPort], podReview(a.spaces[0]!, `p-${i}`, USERS[0]!), 0, stats)));
    expect(first.every((x) => x.allowed)).toBe(true);
    const held = await grants(q);
    const holder = Object.keys(held).find((h) => h.startsWith(`${c!.name}.`));
    expect(holder, JSON.stringify(held)).toBeDefined();
    c!.process.kill('SIGSTOP');
    const pausedAt = Date.now();
    try {
      // the leader removes it once it expired and every object admitted from it must have been persisted
      await expectEventually(async () => !(holder! in (await grants(q))), 'the paused replica\'s grant to be removed', 40_000);
      console.log(`grant of a paused replica returned after ${Date.now() - pausedAt} ms (until was ${held[holder!]!.until - pausedAt} ms after the pause)`);
      expect(Date.now()).toBeGreaterThan(held[holder!]!.until);
    } finally {
      c!.process.kill('SIGCONT');
    }
    // resumed: what it admits now goes through the record (it takes a new grant under a new name, never the old one)
    const localBefore = await c!.metric('atrium_accountquota_local_admissions_total');
    const after = await decideReview(() => [c!.servingPort], podReview(a.spaces[1]!, 'p-after', USERS[0]!), 0, stats);
    expect(after.allowed).toBe(true);
    expect(await c!.metric('atrium_accountquota_local_admissions_total')).toBe(localBefore);
    expect(Object.keys(await grants(q))).not.toContain(holder);
  }, 120_000);
});

async function expectEventually(fn: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}
