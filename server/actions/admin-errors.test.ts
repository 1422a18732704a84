import { describe, expect, it } from 'vitest';
import { KubeApiError } from '@/server/kube';
import { accountFieldOf, explainAdminError, quotaFieldOf } from './admin-errors';

const err = (code: number, message: string, reason?: string, details?: unknown) => new KubeApiError(code, { message, reason, details }, '/apis/config.kiosk.sh/v1alpha1/accounts');
const ctx = { resource: 'accounts.config.kiosk.sh', name: 'team-a', verb: 'create' as const, username: 'jane', fieldOf: accountFieldOf };

describe('explainAdminError', () => {
  it('shows a webhook denial verbatim, puts each named field next to its control and says nothing changed', () => {
    const msg = 'admission webhook "accounts.config.kiosk.sh" denied the request: spec.subjects[1].namespace: Required value (set namespace to the namespace of the service account); spec.space.spaceTemplate.metadata.labels: must not set "kiosk.sh/account"';
    const r = explainAdminError(err(403, msg, 'Forbidden'), ctx);
    expect(r.message).toBe(msg);
    expect(r.fieldErrors).toEqual({
      'subjects.1': ['Required value (set namespace to the namespace of the service account)'],
      labels: ['must not set "kiosk.sh/account"'],
    });
    expect(r.hint).toMatch(/admission webhook \(accounts.config.kiosk.sh\) refused this create\. Nothing was changed/);
  });

  it('tells a person RBAC refused who can do it instead', () => {
    const r = explainAdminError(err(403, 'accounts.config.kiosk.sh is forbidden: User "jane" cannot create resource "accounts"', 'Forbidden'), ctx);
    expect(r.fieldErrors).toBeUndefined();
    expect(r.hint).toMatch(/jane may not create accounts.config.kiosk.sh\. Nothing was changed/);
  });

  it('puts schema validation causes and a taken name next to their fields', () => {
    const invalid = explainAdminError(err(422, 'Account.config.kiosk.sh "team-a" is invalid: spec.space.limit: Invalid value: "string"', 'Invalid', { causes: [{ field: 'spec.space.limit', message: 'Invalid value: "string": must be integer' }] }), ctx);
    expect(invalid.fieldErrors).toEqual({ limit: ['Invalid value: "string": must be integer'] });
    expect(explainAdminError(err(409, 'accounts.config.kiosk.sh "team-a" already exists', 'AlreadyExists'), ctx).fieldErrors).toEqual({ name: ['The name team-a is taken. Choose another.'] });
  });
});

describe('quotaFieldOf', () => {
  it('finds the row of a limit the cluster names', () => {
    const of = quotaFieldOf(['pods', 'requests.cpu']);
    expect(of('spec.quota.hard[requests.cpu]')).toBe('hard.1.amount');
    expect(of('spec.quota.hard.pods')).toBe('hard.0.amount');
    expect(of('spec.quota.scopes[0]')).toBe('scopes');
  });
});
