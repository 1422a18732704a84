import { describe, expect, it } from 'vitest';
import { namesSelector, sameSelection } from './list-visible-namespaces';

describe('namesSelector', () => {
  it.each([
    ['names, sorted', ['b', 'a'], undefined, 'kubernetes.io/metadata.name in (a,b)'],
    ['joined to the caller\'s selector', ['a'], 'team=x', 'team=x,kubernetes.io/metadata.name in (a)'],
    ['no names: nothing matches', [], undefined, '!kubernetes.io/metadata.name'],
    ['no names, with the caller\'s selector', [], 'team=x', 'team=x,!kubernetes.io/metadata.name'],
    ['names no namespace can have are left out', ['a', 'Not A Name', 'x'.repeat(64), '-a'], undefined, 'kubernetes.io/metadata.name in (a)'],
  ])('%s', (_, names, caller, want) => expect(namesSelector(new Set(names), caller)).toBe(want));

  it('gives up above 1,000 names (the whole list is filtered instead)', () => {
    expect(namesSelector(new Set(Array.from({ length: 1001 }, (_, i) => `n${i}`)), undefined)).toBeUndefined();
    expect(namesSelector(new Set(Array.from({ length: 1000 }, (_, i) => `n${i}`)), undefined)).toMatch(/^kubernetes\.io\/metadata\.name in \(/);
  });
});

describe('sameSelection', () => {
  const v = (names: string[], extra: object = {}) => ({ all: false, names: new Set(names), ...extra });
  it.each([
    ['the same names', v(['a', 'b']), v(['b', 'a']), true],
    ['a name more', v(['a']), v(['a', 'b']), false],
    ['another name', v(['a']), v(['b']), false],
    ['every namespace', v(['a']), { all: true, names: new Set(['a']) }, false],
    ['reviews to make', v(['a']), v(['a'], { review: async () => true }), false],
  ])('%s → %s', (_, a, b, want) => expect(sameSelection(a, b)).toBe(want));
});
