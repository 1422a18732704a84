import { describe, expect, it } from 'vitest';
import { formatResourceList, parseResourceList } from '@/server/tenancy/quota';
import { OwnGrant } from './own-grant';
import type { Grant, PendingCharge } from './usage-record';

const grant = (pods: string): Grant => ({ holder: 'me', size: parseResourceList({ pods }), until: 10_000, at: 1, generation: 1 });
const pod = (key: string, pods = '1'): PendingCharge => ({ key, objectUid: key, namespace: 'ns', name: key, groupResource: 'pods', op: 'CREATE', usage: parseResourceList({ pods }), at: 2 });
const left = (g: OwnGrant) => formatResourceList(g.available()).pods;

describe('OwnGrant (local admissions from a grant)', () => {
  it('admits while the grant has room, and not beyond it', () => {
    const g = new OwnGrant(grant('2'), {}, 0);
    expect([g.tryConsume(pod('a')), g.tryConsume(pod('b')), g.tryConsume(pod('c'))]).toEqual([true, true, false]);
    expect(left(g)).toBe('0');
  });

  it('does not admit what the grant does not cover', () => {
    const g = new OwnGrant(grant('5'), {}, 0);
    expect(g.tryConsume({ ...pod('a'), usage: parseResourceList({ pods: '1', 'limits.cpu': '1' }) })).toBe(false);
  });

  it('while a write that shrinks the grant is in flight, admits only what both the old and the new grant cover', () => {
    const g = new OwnGrant(grant('10'), {}, 0);
    g.tryConsume(pod('a', '4'));
    const flushed = g.begin({ ...grant('2'), at: 3 });
    expect(flushed.map((c) => c.key)).toEqual(['a']);
    expect(left(g)).toBe('2'); // old grant: 6 left; new grant: 2
    expect([g.tryConsume(pod('b')), g.tryConsume(pod('c')), g.tryConsume(pod('d'))]).toEqual([true, true, false]);
    // written: the flushed admission is a charge now, the later ones stay to be written, within the new grant
    g.commit({ ...grant('2'), at: 3 });
    expect(g.consumed.map((c) => c.key)).toEqual(['b', 'c']);
    expect(left(g)).toBe('0');
  });

  it('a write refused with 409 changes nothing: the old grant covers every admission', () => {
    const g = new OwnGrant(grant('10'), {}, 0);
    g.tryConsume(pod('a', '4'));
    g.begin(null);
    expect(g.tryConsume(pod('b'))).toBe(false); // giving the grant back: nothing more from it
    g.abort();
    expect(g.tryConsume(pod('b'))).toBe(true);
    expect(left(g)).toBe('5');
  });

  it('takes back an admission another quota denied, unless it is being written', () => {
    const g = new OwnGrant(grant('10'), {}, 0);
    g.tryConsume(pod('a'));
    g.tryConsume(pod('b'));
    g.begin(grant('10'));
    expect(g.unconsume('a')).toBe(false);
    g.abort();
    expect(g.unconsume('a')).toBe(true);
    expect(g.consumed.map((c) => c.key)).toEqual(['b']);
  });
});
