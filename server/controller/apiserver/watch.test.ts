import { describe, expect, it } from 'vitest';
import { decideWatchEvent } from './watch';

describe('decideWatchEvent', () => {
  it.each([
    // type, visible now, deleting, sent before, keep while deleting → sent to the caller, sent after
    ['ADDED', true, false, false, false, 'ADDED', true],
    ['ADDED', false, false, false, false, undefined, false],
    ['MODIFIED', true, false, true, false, 'MODIFIED', true],
    ['MODIFIED', true, false, false, false, 'ADDED', true],
    ['MODIFIED', false, false, true, false, 'DELETED', false],
    ['MODIFIED', false, false, false, false, undefined, false],
    ['MODIFIED', false, true, true, true, 'MODIFIED', true],
    ['MODIFIED', false, true, true, false, 'DELETED', false],
    ['MODIFIED', false, true, false, true, undefined, false],
    ['DELETED', false, true, true, true, 'DELETED', false],
    ['DELETED', true, true, false, true, 'DELETED', false],
    ['DELETED', false, true, false, true, undefined, false],
  ] as const)('%s visible=%s deleting=%s sent=%s keep=%s → %s', (type, visible, deleting, before, keep, want, after) => {
    const sent = new Set(before ? ['x'] : []);
    expect(decideWatchEvent(type, 'x', visible, deleting, sent, keep)).toBe(want);
    expect(sent.has('x')).toBe(after);
  });
});
