import { describe, expect, it } from 'vitest';
import { accountFormProblems, accountFormValues, accountPatch, accountSpecOf, emptyAccountForm, type AccountFormValues } from './account-form-model';
import { keyValueProblems, parseKeyValueLines } from './key-value-lines';

const defs = { limits: [], greeting: [{ name: 'GREETING', required: true, validation: '^[a-z]+$' }] };
const form = (v: Partial<AccountFormValues>): AccountFormValues => ({ ...emptyAccountForm(), name: 'team-a', ...v });

describe('accountFormProblems', () => {
  it('passes a sound account', () => {
    expect(accountFormProblems(form({ subjects: [{ kind: 'User', name: 'dev' }, { kind: 'ServiceAccount', name: 'ci/deployer' }], limit: '3', templates: [{ template: 'greeting', sync: false, parameters: { GREETING: 'hi' } }] }), defs, { checkName: true })).toEqual({});
  });
  it('checks subjects with the webhook\'s own rules', () => {
    const p = accountFormProblems(form({ subjects: [{ kind: 'ServiceAccount', name: 'deployer' }, { kind: 'ServiceAccount', name: 'CI/deployer' }, { kind: 'User', name: 'dev' }, { kind: 'User', name: 'dev' }] }), defs, { checkName: true });
    expect(p['subjects.0']).toEqual(['Write a service account as namespace/name, e.g. ci/deployer.']);
    expect(p['subjects.1']![0]).toMatch(/namespace: Invalid value: "CI": a namespace name must be a lowercase RFC 1123 label/);
    expect(p['subjects.3']![0]).toMatch(/listed twice/);
  });
  it('names the name, limit, metadata and template parameter problems', () => {
    const p = accountFormProblems(
      form({ name: 'Team A', limit: '-1', labels: 'team=a\nbad key=x\nnovalue', annotations: 'example.com/owner=anything goes', templates: [{ template: 'greeting', sync: false, parameters: { GREETING: 'Hi!' } }, { template: 'gone', sync: false, parameters: {} }] }),
      defs,
      { checkName: true },
    );
    expect(Object.keys(p).sort()).toEqual(['labels', 'limit', 'name', 'templates.0.GREETING', 'templates.1']);
    expect(p.labels).toEqual([expect.stringMatching(/^Line 2: “bad key”/), 'Line 3: write key=value.']);
    expect(p['templates.1']![0]).toMatch(/no Template gone/);
  });
});

describe('key=value lines', () => {
  it('parses, skipping comments and blanks', () => {
    expect(parseKeyValueLines('a=1\n\n# note\nexample.com/b = two words ')).toEqual({ a: '1', 'example.com/b': 'two words' });
  });
  it('holds label values to the label rules but not annotation values', () => {
    expect(keyValueProblems('a=two words', 'label')).toHaveLength(1);
    expect(keyValueProblems('a=two words', 'annotation')).toEqual([]);
  });
});

describe('spec and patch', () => {
  const account = {
    metadata: { name: 'team-a', resourceVersion: '42' },
    spec: {
      subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }],
      space: {
        limit: 2, clusterRole: 'kiosk-space-admin', allowedLabels: ['example.com/*'],
        templateInstances: [{ metadata: { name: 'lr', labels: { x: 'y' } }, spec: { template: 'limits' } }],
        spaceTemplate: { metadata: { labels: { team: 'a', tier: 'gold' } } },
      },
    },
  };
  const loaded = accountFormValues(account);

  it('round-trips what the form shows', () => {
    expect(accountSpecOf(loaded)).toEqual({ subjects: account.spec.subjects, space: { limit: 2, clusterRole: 'kiosk-space-admin', templateInstances: account.spec.space.templateInstances, spaceTemplate: account.spec.space.spaceTemplate } });
  });

  it('patches only what changed, removes with null, keeps what the form does not show, and carries the resourceVersion', () => {
    const next = { ...loaded, limit: '', labels: 'team=b', deleteSpacesOnAccountDeletion: true, subjects: [...loaded.subjects, { kind: 'Group' as const, name: 'team-a' }] };
    expect(accountPatch(loaded, next, '42')).toEqual({
      metadata: { resourceVersion: '42' },
      spec: {
        subjects: [...account.spec.subjects, { kind: 'Group', name: 'team-a', apiGroup: 'rbac.authorization.k8s.io' }],
        space: { limit: null, deleteSpacesOnAccountDeletion: true, spaceTemplate: { metadata: { labels: { tier: null, team: 'b' } } } },
      },
    });
  });

  it('sends nothing but the version when nothing changed', () => {
    expect(accountPatch(loaded, loaded, '42')).toEqual({ metadata: { resourceVersion: '42' } });
  });
});
