import { describe, expect, it } from 'vitest';
import { describeApplyOutcome } from './describe-apply-outcome';

describe('describeApplyOutcome', () => {
  it('says what was applied and deleted', () => {
    expect(describeApplyOutcome({ applied: [{ label: 'manifests[0] (LimitRange l)', action: 'created' }, { label: 'manifests[1] (ConfigMap c)', action: 'unchanged' }], deleted: ['ConfigMap dev/old'], record: [] }))
      .toBe('applied 2 objects: manifests[0] (LimitRange l) created, manifests[1] (ConfigMap c) unchanged; deleted ConfigMap dev/old (no longer in the template)');
  });

  it('puts the failure first, then what was and was not done', () => {
    expect(describeApplyOutcome({
      applied: [{ label: 'manifests[0] (LimitRange l)', action: 'updated' }], deleted: [], record: [],
      failure: { label: 'manifests[1] (ConfigMap c)', error: 'forbidden', notApplied: ['manifests[2] (ConfigMap d)'], notDeleted: ['ConfigMap dev/old'] },
    })).toBe('manifests[1] (ConfigMap c): forbidden; applied before the failure: manifests[0] (LimitRange l) updated; not applied: manifests[2] (ConfigMap d); not yet deleted (no longer in the template): ConfigMap dev/old');
  });

  it('cuts long lists', () => {
    const applied = Array.from({ length: 25 }, (_, i) => ({ label: `m[${i}]`, action: 'created' as const }));
    expect(describeApplyOutcome({ applied, deleted: [], record: [] })).toMatch(/m\[9\] created and 15 more$/);
  });

  it('says when nothing was applied', () => {
    expect(describeApplyOutcome({ applied: [], deleted: [], record: [], failure: { label: 'm[0]', error: 'boom', notApplied: [], notDeleted: [] } })).toBe('m[0]: boom; nothing was applied');
  });
});
