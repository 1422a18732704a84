import { describe, expect, it } from 'vitest';
import { decideWatchEvent, eventsForAccessChange } from './watch';

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

describe('eventsForAccessChange', () => {
  const obj = (name: string, deleting = false) => ({ metadata: { name, ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) } });
  const placeholder = (name: string) => ({ metadata: { name, placeholder: true } }) as any;

  it.each([
    // visible now, sent before, objects being deleted, keep while deleting → events, sent after
    ['access granted', ['a', 'b'], ['a'], [], true, [['ADDED', 'b']], ['a', 'b']],
    ['access taken away', ['a'], ['a', 'b'], [], true, [['DELETED', 'b']], ['a']],
    ['both at once', ['b'], ['a'], [], false, [['ADDED', 'b'], ['DELETED', 'a']], ['b']],
    ['nothing changed', ['a'], ['a'], [], true, [], ['a']],
    ['a terminating namespace stays until its own DELETED', [], ['a'], ['a'], true, [], ['a']],
    ['unless it is not kept while deleting', [], ['a'], ['a'], false, [['DELETED', 'a']], []],
  ] as const)('%s', (_, visible, before, deleting, keep, want, after) => {
    const sent = new Set<string>(before);
    const events = eventsForAccessChange(visible.map((n) => obj(n)), sent, (n) => obj(n, (deleting as readonly string[]).includes(n)), keep, placeholder);
    expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual(want);
    expect([...sent].sort()).toEqual([...after]);
  });

  it('sends a placeholder with the name when the object is gone from the cache', () => {
    const events = eventsForAccessChange([], new Set(['gone']), () => undefined, true, placeholder);
    expect(events).toEqual([{ type: 'DELETED', object: { metadata: { name: 'gone', placeholder: true } } }]);
  });
});
