import { describe, expect, it } from 'vitest';
import { spaceNameProblem } from './space-name';

describe('spaceNameProblem', () => {
  it.each([
    ['team-a-dev', undefined],
    ['a', undefined],
    ['0abc9', undefined],
    ['x'.repeat(63), undefined],
    ['', 'Enter a name.'],
    ['x'.repeat(64), 'Use at most 63 characters (this one has 64).'],
    ['Team', 'Use lowercase letters only.'],
    ['team_a', '“_” is not allowed: use lowercase letters, digits and “-”.'],
    ['team.a', '“.” is not allowed: use lowercase letters, digits and “-”.'],
    ['team a', '“ ” is not allowed: use lowercase letters, digits and “-”.'],
    ['-team', 'Start and end with a letter or digit, not “-”.'],
    ['team-', 'Start and end with a letter or digit, not “-”.'],
  ])('%j → %s', (name, want) => {
    expect(spaceNameProblem(name)).toBe(want);
  });

  it('agrees with the DNS label rule the API server applies', () => {
    const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
    for (const name of ['ok', 'a-b', 'A', '-a', 'a-', 'a_b', 'é', '1', 'x'.repeat(63), 'x'.repeat(64)]) {
      expect(spaceNameProblem(name) === undefined, name).toBe(dnsLabel.test(name));
    }
  });
});
