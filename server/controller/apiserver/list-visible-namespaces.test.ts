import { describe, expect, it } from 'vitest';
import { namesSelector } from './list-visible-namespaces';

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
