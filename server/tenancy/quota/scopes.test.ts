import { describe, expect, it } from 'vitest';
import { matchesNamedScope, scopeSelectorsOf } from './scopes';
import type { QuotaSpec } from './types';

describe('scopeSelectorsOf', () => {
  it.each<[QuotaSpec, unknown[]]>([
    [{}, []],
    [{ scopes: ['BestEffort'] }, [{ scopeName: 'BestEffort', operator: 'Exists' }]],
    [{ scopes: ['NotTerminating'], scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } },
      [{ scopeName: 'NotTerminating', operator: 'Exists' }, { scopeName: 'PriorityClass', operator: 'In', values: ['high'] }]],
    [{ scopeSelector: null }, []],
  ])('%j', (spec, want) => {
    expect(scopeSelectorsOf(spec)).toEqual(want);
  });
});

describe('matchesNamedScope', () => {
  it.each<[string, string[] | undefined, string[], boolean]>([
    ['In', ['a', 'b'], ['b'], true],
    ['In', ['a'], [], false],
    ['NotIn', ['a'], ['b'], true],
    ['NotIn', ['a'], ['a'], false],
    ['NotIn', ['a'], [], true],
    ['Exists', undefined, ['x'], true],
    ['Exists', undefined, [], false],
    ['DoesNotExist', undefined, [], true],
    ['DoesNotExist', undefined, ['x'], false],
    ['Bogus', undefined, ['x'], false],
  ])('%s %j against %j', (operator, values, have, want) => {
    expect(matchesNamedScope({ scopeName: 'PriorityClass', operator, values }, have)).toBe(want);
  });
});
