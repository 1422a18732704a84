import { describe, expect, it } from 'vitest';
import { KubeApiError } from '@/server/kube';
import { forbidden, fromKubeError, invalid, notFound, toStatus } from './status-errors';

describe('Status texts', () => {
  it.each([
    [notFound('spaces', 'x'), 404, 'NotFound', 'spaces.tenancy.kiosk.sh "x" not found'],
    [forbidden('spaces', 'x', 'dev', 'create'), 403, 'Forbidden', 'spaces.tenancy.kiosk.sh "x" is forbidden: User "dev" cannot create resource "spaces" in API group "tenancy.kiosk.sh" at the cluster scope'],
    [forbidden('accounts', undefined, 'dev', 'list', 'no RBAC policy matched'), 403, 'Forbidden', 'accounts.tenancy.kiosk.sh is forbidden: User "dev" cannot list resource "accounts" in API group "tenancy.kiosk.sh" at the cluster scope: no RBAC policy matched'],
    [invalid('Space', 'x', [{ field: 'a', message: 'm1' }, { field: 'b', message: 'm2' }]), 422, 'Invalid', 'Space.tenancy.kiosk.sh "x" is invalid: [a: m1, b: m2]'],
  ])('%#', (err, code, reason, message) => {
    expect(err.status).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message });
  });
});

describe('fromKubeError', () => {
  it('renames the namespace in the text and keeps the rest (which permission is missing)', () => {
    const e = new KubeApiError(403, { message: 'namespaces "x" is forbidden: User "dev" cannot delete resource "namespaces" in API group "" in the namespace "x"', reason: 'Forbidden', details: { name: 'x', kind: 'namespaces' } }, '/api/v1/namespaces/x');
    expect(fromKubeError(e, 'spaces', 'x').status).toMatchObject({
      code: 403, reason: 'Forbidden', details: { name: 'x', group: 'tenancy.kiosk.sh', kind: 'spaces' },
      message: 'spaces.tenancy.kiosk.sh "x" is forbidden: User "dev" cannot delete resource "namespaces" in API group "" in the namespace "x"',
    });
  });
  it('renames config accounts', () => {
    const e = new KubeApiError(404, { message: 'accounts.config.kiosk.sh "a" not found', reason: 'NotFound' }, '/apis/config.kiosk.sh/v1alpha1/accounts/a');
    expect(fromKubeError(e, 'accounts', 'a').status.message).toBe('accounts.tenancy.kiosk.sh "a" not found');
  });
  it('hides unexpected errors behind a 500', () => {
    expect(toStatus(new Error('boom'))).toMatchObject({ code: 500, reason: 'InternalError' });
  });
});
