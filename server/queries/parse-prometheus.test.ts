import { describe, expect, it } from 'vitest';
import { parsePrometheus, sumBy } from './parse-prometheus';

const page = `# HELP atrium_reconcile_total Reconciles by controller and result
# TYPE atrium_reconcile_total counter
atrium_reconcile_total{controller="space",result="ok"} 41
atrium_reconcile_total{controller="space",result="error"} 2
atrium_reconcile_total{controller="templateinstance",result="error"} 3
atrium_reconcile_total{controller="templateinstance",result="conflict"} 1
# TYPE atrium_leader gauge
atrium_leader 1
atrium_accountquota_drift_total{quota="team-a"} 1
atrium_accountquota_drift_total{quota="q \\"odd\\", name"} 2
atrium_reconcile_duration_seconds_bucket{controller="space",le="+Inf"} 43
garbage line here
`;

describe('parsePrometheus', () => {
  const samples = parsePrometheus(page);
  it('reads samples with and without labels, skipping comments and garbage', () => {
    expect(samples).toHaveLength(8);
    expect(samples).toContainEqual({ name: 'atrium_leader', labels: {}, value: 1 });
    expect(samples).toContainEqual({ name: 'atrium_reconcile_duration_seconds_bucket', labels: { controller: 'space', le: '+Inf' }, value: 43 });
  });
  it('unescapes label values', () => {
    expect(samples.find((s) => s.value === 2 && s.name.includes('drift'))?.labels.quota).toBe('q "odd", name');
  });
  it('sums reconcile errors per controller, leaving conflicts and successes out', () => {
    expect([...sumBy(samples, 'atrium_reconcile_total', { result: 'error' }, 'controller')]).toEqual([['space', 2], ['templateinstance', 3]]);
    expect(sumBy(samples, 'atrium_accountquota_drift_total').get('')).toBe(3);
    expect(sumBy(samples, 'atrium_missing').size).toBe(0);
  });
});
