import { describe, expect, it } from 'vitest';
import type { FieldError, Subject } from './types';
import { validateRbacSubject, validateRbacSubjects } from './validate-rbac-subject';

const rbac = 'rbac.authorization.k8s.io';
const at = 'spec.subjects[1]';
const err = (field: string, message: string, hint: string): FieldError => ({ field: `${at}.${field}`, message, hint });

describe('validateRbacSubject', () => {
  it.each<[string, unknown, Subject]>([
    ['user', { kind: 'User', name: 'dev', apiGroup: rbac }, { kind: 'User', name: 'dev', apiGroup: rbac }],
    ['user without apiGroup is normalised', { kind: 'User', name: 'dev' }, { kind: 'User', name: 'dev', apiGroup: rbac }],
    ['user with empty apiGroup is normalised', { kind: 'User', name: 'dev', apiGroup: '' }, { kind: 'User', name: 'dev', apiGroup: rbac }],
    ['user with empty namespace', { kind: 'User', name: 'dev', namespace: '' }, { kind: 'User', name: 'dev', apiGroup: rbac }],
    ['user names are free-form', { kind: 'User', name: 'Jane.Doe@example.com' }, { kind: 'User', name: 'Jane.Doe@example.com', apiGroup: rbac }],
    ['group', { kind: 'Group', name: 'system:authenticated', apiGroup: rbac }, { kind: 'Group', name: 'system:authenticated', apiGroup: rbac }],
    ['service account', { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }, { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }],
    ['service account with empty apiGroup', { kind: 'ServiceAccount', name: 'a.b-c', namespace: 'ci', apiGroup: '' }, { kind: 'ServiceAccount', name: 'a.b-c', namespace: 'ci' }],
    ['extra fields are dropped', { kind: 'User', name: 'dev', extra: 1 }, { kind: 'User', name: 'dev', apiGroup: rbac }],
  ])('accepts %s', (_, subject, normalised) => {
    expect(validateRbacSubject(subject, at)).toEqual({ ok: true, subject: normalised });
  });

  it.each<[string, unknown, FieldError[]]>([
    ['missing name', { kind: 'User' }, [err('name', 'Required value', 'set the name of the user, group or service account')]],
    ['empty name', { kind: 'Group', name: '' }, [err('name', 'Required value', 'set the name of the user, group or service account')]],
    ['missing kind', { name: 'dev' }, [err('kind', 'Required value', 'set kind to User, Group or ServiceAccount')]],
    [
      'unknown kind',
      { kind: 'Robot', name: 'r2' },
      [err('kind', 'Unsupported value: "Robot": supported values: "User", "Group", "ServiceAccount"', 'set kind to User, Group or ServiceAccount')],
    ],
    [
      'wrong case of kind',
      { kind: 'serviceaccount', name: 'x', namespace: 'ci' },
      [err('kind', 'Unsupported value: "serviceaccount": supported values: "User", "Group", "ServiceAccount"', 'kinds are case-sensitive: write ServiceAccount')],
    ],
    [
      'user with another apiGroup',
      { kind: 'User', name: 'dev', apiGroup: 'v1' },
      [err('apiGroup', 'Unsupported value: "v1": supported values: "rbac.authorization.k8s.io"', 'set apiGroup to rbac.authorization.k8s.io (or leave it out)')],
    ],
    [
      'group with a namespace',
      { kind: 'Group', name: 'devs', namespace: 'ci' },
      [err('namespace', 'Forbidden: namespace applies only to ServiceAccount subjects, not to Group', 'remove namespace from this Group subject')],
    ],
    [
      'service account without namespace',
      { kind: 'ServiceAccount', name: 'deployer' },
      [err('namespace', 'Required value', 'set namespace to the namespace of the service account')],
    ],
    [
      'service account with the RBAC apiGroup',
      { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci', apiGroup: rbac },
      [err('apiGroup', 'Unsupported value: "rbac.authorization.k8s.io": supported values: ""', 'remove apiGroup: ServiceAccount subjects belong to the core group')],
    ],
    [
      'service account with an invalid name',
      { kind: 'ServiceAccount', name: 'Deployer_1', namespace: 'ci' },
      [err('name', 'Invalid value: "Deployer_1": a service account name must be a lowercase RFC 1123 subdomain', "use the name exactly as in the ServiceAccount's metadata.name")],
    ],
    [
      'service account with an invalid namespace',
      { kind: 'ServiceAccount', name: 'deployer', namespace: 'CI.team' },
      [err('namespace', 'Invalid value: "CI.team": a namespace name must be a lowercase RFC 1123 label', 'use the namespace exactly as kubectl get namespaces shows it')],
    ],
    [
      'several problems at once',
      { kind: 'User', apiGroup: 'x', namespace: 'ci' },
      [
        err('name', 'Required value', 'set the name of the user, group or service account'),
        err('apiGroup', 'Unsupported value: "x": supported values: "rbac.authorization.k8s.io"', 'set apiGroup to rbac.authorization.k8s.io (or leave it out)'),
        err('namespace', 'Forbidden: namespace applies only to ServiceAccount subjects, not to User', 'remove namespace from this User subject'),
      ],
    ],
  ])('rejects %s', (_, subject, errors) => {
    expect(validateRbacSubject(subject, at)).toEqual({ ok: false, errors });
  });

  it.each([[null], ['dev'], [['User', 'dev']], [42]])('rejects the non-object %j', (subject) => {
    expect(validateRbacSubject(subject, at)).toEqual({
      ok: false,
      errors: [{ field: at, message: 'Invalid value: must be an object', hint: 'write the subject as {kind, name, apiGroup} or {kind: ServiceAccount, name, namespace}' }],
    });
  });
});

describe('validateRbacSubjects', () => {
  it.each<[string, unknown, Subject[]]>([
    ['absent', undefined, []],
    ['empty', [], []],
    ['normalises every entry', [{ kind: 'User', name: 'a' }, { kind: 'ServiceAccount', name: 'b', namespace: 'c' }], [{ kind: 'User', name: 'a', apiGroup: rbac }, { kind: 'ServiceAccount', name: 'b', namespace: 'c' }]],
  ])('accepts %s', (_, subjects, expected) => {
    expect(validateRbacSubjects(subjects)).toEqual({ ok: true, subjects: expected });
  });

  it('collects the errors of every entry with its index', () => {
    const result = validateRbacSubjects([{ kind: 'User', name: 'ok' }, { kind: 'ServiceAccount', name: 'x' }, { kind: 'Group' }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['spec.subjects[1].namespace', 'spec.subjects[2].name']);
  });

  it('uses the given base path', () => {
    const result = validateRbacSubjects([{ kind: 'User' }], 'subjects');
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'subjects[0].name' }] });
  });

  it('rejects a non-list', () => {
    expect(validateRbacSubjects({ kind: 'User', name: 'a' })).toEqual({
      ok: false,
      errors: [{ field: 'spec.subjects', message: 'Invalid value: must be a list', hint: 'write subjects as a list of {kind, name, ...}' }],
    });
  });
});
