import { describe, expect, it } from 'vitest';
import { KubeApiError } from '@/server/kube';
import { explainSpaceError } from './space-errors';

const err = (code: number, message: string, reason?: string) => new KubeApiError(code, { message, reason }, '/apis/tenancy.kiosk.sh/v1alpha1/spaces');
const ctx = { space: 'web', account: 'node-account', username: 'dev', verb: 'create' as const };

describe('explainSpaceError', () => {
  it('keeps the cluster\'s words and says who can raise a space limit', () => {
    const msg = 'spaces.tenancy.kiosk.sh "web" is forbidden: space limit of 2 reached for account node-account';
    const r = explainSpaceError(err(403, msg, 'Forbidden'), ctx);
    expect(r.message).toBe(msg);
    expect(r.hint).toMatch(/Account node-account .* ask a cluster admin to raise the account's space limit/);
  });

  it.each([
    ['create forbidden', { verb: 'create' as const }, 403, 'forbidden: not a member', /may not create spaces in account node-account/],
    ['delete forbidden', { verb: 'delete' as const }, 403, 'forbidden', /does not allow deleting it/],
    ['template forbidden', { verb: 'instantiate' as const, template: 't' }, 403, 'forbidden', /does not allow creating TemplateInstances/],
    ['server trouble', {}, 500, 'etcd timeout', /Try again in a moment/],
    ['a broken required template', {}, 500, "TemplateInstance 'limits' failed with Error: bad manifest", /space was removed again/],
  ])('%s', (_n, over, code, message, hint) => {
    expect(explainSpaceError(err(code, message), { ...ctx, ...over }).hint).toMatch(hint);
  });

  it('a taken name is an error of the name field', () => {
    const r = explainSpaceError(err(409, 'spaces.tenancy.kiosk.sh "web" already exists', 'AlreadyExists'), ctx);
    expect(r.fieldErrors?.name?.[0]).toMatch(/The name web is taken/);
  });
});
