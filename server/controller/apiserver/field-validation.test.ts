import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { enforceFieldValidation, unknownFields } from './field-validation';

const S = 'sh.kiosk.tenancy.v1alpha1.Space';

describe('unknownFields', () => {
  it.each([
    [{ apiVersion: 'x', kind: 'Space', metadata: { name: 'a', labels: { any: 'thing' } }, spec: { account: 'a', finalizers: ['kubernetes'] }, status: { phase: 'Active' } }, []],
    [{ spec: { acount: 'typo' } }, ['spec.acount']],
    [{ metadata: { name: 'a', nmae: 'b' }, extra: 1 }, ['metadata.nmae', 'extra']],
    [{ metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'K', name: 'n', uid: 'u', bogus: true }] } }, ['metadata.ownerReferences[0].bogus']],
    [{ metadata: { managedFields: [{ manager: 'm', fieldsV1: { 'f:metadata': {} } }] } }, []],
  ])('%j → %j', (obj, want) => expect(unknownFields(obj, S)).toEqual(want));
  it('knows Account fields', () => {
    expect(unknownFields({ spec: { subjects: [{ kind: 'User', name: 'dev', apiGroup: 'rbac.authorization.k8s.io', x: 1 }], space: { limit: 2 } } }, 'sh.kiosk.tenancy.v1alpha1.Account')).toEqual(['spec.subjects[0].x']);
  });
});

describe('enforceFieldValidation', () => {
  const res = () => {
    const headers: Record<string, unknown> = {};
    return { headers, setHeader: (k: string, v: unknown) => (headers[k] = v) } as unknown as ServerResponse & { headers: Record<string, unknown> };
  };
  it('Strict answers 400 with upstream\'s text', () => {
    expect(() => enforceFieldValidation(res(), 'Strict', { spec: { foo: 1 } }, S)).toThrow('strict decoding error: unknown field "spec.foo"');
  });
  it.each([null, 'Warn'])('%s warns', (mode) => {
    const r = res();
    enforceFieldValidation(r, mode, { spec: { foo: 1 } }, S);
    expect(r.headers.Warning).toEqual(['299 - "unknown field \\"spec.foo\\""']);
  });
  it('Ignore ignores', () => {
    const r = res();
    enforceFieldValidation(r, 'Ignore', { spec: { foo: 1 } }, S);
    expect(r.headers.Warning).toBeUndefined();
  });
  it('rejects an unknown directive', () => {
    expect(() => enforceFieldValidation(res(), 'Loose', {}, S)).toThrow('fieldValidation');
  });
});
