import { describe, expect, it } from 'vitest';
import { checkSpaceLimit, resolveSpaceAccount, spaceLabels, spaceLimitMessage, type ResolveSpaceAccountInput } from './space-rules';
import type { SpaceTemplate } from './types';

describe('spaceLimitMessage', () => {
  it.each([
    ['dev-3', 2, 'acme', 'spaces.tenancy.kiosk.sh "dev-3" is forbidden: space limit of 2 reached for account acme'],
    ['x', 0, 'a-b', 'spaces.tenancy.kiosk.sh "x" is forbidden: space limit of 0 reached for account a-b'],
    ['team-a', 10, 'team', 'spaces.tenancy.kiosk.sh "team-a" is forbidden: space limit of 10 reached for account team'],
  ])('%s / %d / %s', (space, limit, account, expected) => {
    expect(spaceLimitMessage(space, limit, account)).toBe(expected);
  });
});

describe('checkSpaceLimit', () => {
  it.each<[number | null | undefined, number, ReturnType<typeof checkSpaceLimit>]>([
    [undefined, 0, { ok: true, remaining: undefined }],
    [undefined, 1000, { ok: true, remaining: undefined }],
    [null, 5, { ok: true, remaining: undefined }],
    [0, 0, { ok: false, limit: 0 }],
    [1, 0, { ok: true, remaining: 0 }],
    [1, 1, { ok: false, limit: 1 }],
    [3, 1, { ok: true, remaining: 1 }],
    [3, 2, { ok: true, remaining: 0 }],
    [3, 3, { ok: false, limit: 3 }],
    [3, 7, { ok: false, limit: 3 }],
  ])('limit %j with %d spaces', (limit, count, expected) => {
    expect(checkSpaceLimit(limit, count)).toEqual(expected);
  });
});

describe('resolveSpaceAccount', () => {
  const forbidden = (requested: string, hint: string) => ({
    ok: false,
    status: 403,
    reason: 'NotMember',
    message: 'User "dev" cannot create resource "spaces" in API group "tenancy.kiosk.sh" at the cluster scope',
    hint: `you are not a subject of account ${requested}; ${hint}`,
  });
  const required = (hint: string) => ({ ok: false, status: 400, reason: 'AccountRequired', message: 'spec.account is required', hint });

  it.each<[string, ResolveSpaceAccountInput, unknown]>([
    ['member of the requested account', { requested: 'acme', memberOf: ['acme'], canCreateNamespaces: false }, { ok: true, account: 'acme', inferred: false }],
    ['admin, not a member', { requested: 'acme', memberOf: [], canCreateNamespaces: true }, { ok: true, account: 'acme', inferred: false }],
    [
      'not a member of the requested account',
      { requested: 'globex', memberOf: ['acme', 'initech'], canCreateNamespaces: false, username: 'dev' },
      forbidden('globex', 'use one of your accounts: acme, initech'),
    ],
    [
      'member of nothing',
      { requested: 'globex', memberOf: [], canCreateNamespaces: false, username: 'dev' },
      forbidden('globex', 'ask a cluster admin to add you to its spec.subjects'),
    ],
    ['no account, may create namespaces: unowned (Kiosk)', { memberOf: ['acme'], canCreateNamespaces: true }, { ok: true, account: undefined, inferred: false }],
    ['no account, exactly one membership: inferred (Atrium)', { memberOf: ['acme'], canCreateNamespaces: false }, { ok: true, account: 'acme', inferred: true }],
    ['empty string counts as absent', { requested: '', memberOf: ['acme'], canCreateNamespaces: false }, { ok: true, account: 'acme', inferred: true }],
    ['no account, several memberships', { memberOf: ['acme', 'initech'], canCreateNamespaces: false }, required('set spec.account to one of your accounts: acme, initech')],
    ['no account, no membership', { memberOf: [], canCreateNamespaces: false }, required("you belong to no account; ask a cluster admin to add you to an Account's spec.subjects")],
  ])('%s', (_, input, expected) => {
    expect(resolveSpaceAccount(input)).toEqual(expected);
  });
});

describe('spaceLabels', () => {
  const template = (labels?: Record<string, string>, annotations?: Record<string, string>): SpaceTemplate => ({ metadata: { labels, annotations } });

  it.each<[string, SpaceTemplate | undefined, { labels?: Record<string, string>; annotations?: Record<string, string> } | undefined, unknown]>([
    ['no template, nothing requested', undefined, undefined, { ok: true, labels: { 'kiosk.sh/account': 'acme' }, annotations: {} }],
    ['template without metadata', {}, undefined, { ok: true, labels: { 'kiosk.sh/account': 'acme' }, annotations: {} }],
    [
      'template labels and annotations',
      template({ env: 'dev' }, { 'scheduler.alpha.kubernetes.io/node-selector': 'pool=tenants' }),
      undefined,
      { ok: true, labels: { env: 'dev', 'kiosk.sh/account': 'acme' }, annotations: { 'scheduler.alpha.kubernetes.io/node-selector': 'pool=tenants' } },
    ],
    [
      'template overrides what the creator asked for, the rest is kept',
      template({ env: 'dev' }, { note: 'forced' }),
      { labels: { env: 'prod', app: 'shop' }, annotations: { note: 'mine', other: 'x' } },
      { ok: true, labels: { env: 'dev', app: 'shop', 'kiosk.sh/account': 'acme' }, annotations: { note: 'forced', other: 'x' } },
    ],
    [
      'creator cannot pick another account',
      undefined,
      { labels: { 'kiosk.sh/account': 'globex' } },
      { ok: true, labels: { 'kiosk.sh/account': 'acme' }, annotations: {} },
    ],
    [
      'template may set the account annotation name as an annotation (only the label is reserved)',
      template(undefined, { 'kiosk.sh/account': 'x' }),
      undefined,
      { ok: true, labels: { 'kiosk.sh/account': 'acme' }, annotations: { 'kiosk.sh/account': 'x' } },
    ],
  ])('%s', (_, spaceTemplate, requested, expected) => {
    expect(spaceLabels('acme', spaceTemplate, requested)).toEqual(expected);
  });

  it.each([['globex'], ['acme'], ['']])('rejects a spaceTemplate setting kiosk.sh/account=%j', (value) => {
    expect(spaceLabels('acme', template({ env: 'dev', 'kiosk.sh/account': value }))).toEqual({
      ok: false,
      error: {
        field: 'spec.space.spaceTemplate.metadata.labels',
        message: 'must not set "kiosk.sh/account": Atrium sets it to the owning account (acme)',
        hint: 'remove "kiosk.sh/account" from spec.space.spaceTemplate.metadata.labels of Account acme',
      },
    });
  });

  it('does not modify its inputs', () => {
    const spaceTemplate = template({ env: 'dev' }, { a: '1' });
    const requested = { labels: { app: 'x' }, annotations: { b: '2' } };
    const before = structuredClone({ spaceTemplate, requested });
    const result = spaceLabels('acme', spaceTemplate, requested);
    expect({ spaceTemplate, requested }).toEqual(before);
    if (result.ok) expect(result.labels).not.toBe(requested.labels);
  });
});
