import { describe, expect, it } from 'vitest';
import { paramProblems, paramsToSend } from './template-params';

describe('paramProblems', () => {
  const defs = [
    { name: 'replicas', required: true, validation: '^[0-9]+$' },
    { name: 'tier', value: 'web', required: true },
    { name: 'note', required: false },
  ];
  it.each([
    ['all fine', { replicas: '3', tier: 'web' }, {}],
    ['required missing', { tier: 'web' }, { replicas: 'Required: the template needs a value.' }],
    ['a required parameter emptied despite its default', { replicas: '1', tier: '' }, { tier: 'Required: the template needs a value.' }],
    ['an empty optional value is not matched', { replicas: '2', tier: 'web', note: '' }, {}],
    ['pattern broken', { replicas: 'three', tier: 'web' }, { replicas: 'Must match ^[0-9]+$.' }],
  ])('%s', (_n, values, want) => {
    expect(paramProblems(defs, values as Record<string, string>)).toEqual(want);
  });

  it('a pattern that is not a valid regular expression is left to the controller', () => {
    expect(paramProblems([{ name: 'x', required: false, validation: '([' }], { x: 'y' })).toEqual({});
  });
});

describe('paramsToSend', () => {
  it('sends only what the person typed', () => {
    expect(paramsToSend({ a: '1', b: '', c: 'x' })).toEqual([{ name: 'a', value: '1' }, { name: 'c', value: 'x' }]);
  });
});
