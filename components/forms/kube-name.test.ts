import { describe, expect, it } from 'vitest';
import { kubeNameProblem } from './kube-name';

describe('Kubernetes object names', () => {
  it('accepts DNS-1123 subdomains', () => {
    for (const ok of ['team-a', 'a', 'team.a-1', '0team', 'a'.repeat(253)]) expect(kubeNameProblem(ok, 'quota'), ok).toBeUndefined();
  });

  it('says what is required, naming the object', () => {
    expect(kubeNameProblem('', 'account')).toBe('Required: give the account a name.');
    expect(kubeNameProblem('', 'quota')).toBe('Required: give the quota a name.');
  });

  it('names the rule a name breaks', () => {
    for (const bad of ['Team-a', 'team_a', '-team', 'team-', 'team..a', 'team a']) {
      expect(kubeNameProblem(bad, 'account'), bad).toBe('Lowercase letters, digits, “-” and “.”, starting and ending with a letter or digit.');
    }
    expect(kubeNameProblem('a'.repeat(254), 'account')).toBe('At most 253 characters.');
  });
});
