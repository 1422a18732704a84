import { describe, expect, it } from 'vitest';
import { resolvePredefinedParameter } from './resolve-predefined-parameter';
import type { TemplateContext } from './types';

const context: TemplateContext = {
  namespace: { name: 'team-a-dev', labels: { team: 'a', 'kiosk.sh/account': 'acme', Tier: 'gold' }, annotations: { owner: 'alice', empty: '' } },
  account: { name: 'acme', labels: { plan: 'pro' }, annotations: { 'billing.example.com/id': '42' } },
};
const unowned: TemplateContext = { namespace: { name: 'scratch' } };

describe('resolvePredefinedParameter', () => {
  it.each([
    ['NAMESPACE', 'team-a-dev'],
    ['namespace', 'team-a-dev'],
    ['Namespace', 'team-a-dev'],
    ['ACCOUNT', 'acme'],
    ['account', 'acme'],
    ['NAMESPACE.METADATA.LABELS.team', 'a'],
    ['namespace.metadata.labels.team', 'a'],
    ['NAMESPACE.METADATA.LABELS.kiosk.sh/account', 'acme'],
    ['NAMESPACE.METADATA.LABELS.Tier', 'gold'],
    ['NAMESPACE.METADATA.ANNOTATIONS.owner', 'alice'],
    ['NAMESPACE.METADATA.ANNOTATIONS.empty', ''],
    ['ACCOUNT.METADATA.LABELS.plan', 'pro'],
    ['Account.Metadata.Annotations.billing.example.com/id', '42'],
  ])('%s → %j', (name, value) => {
    expect(resolvePredefinedParameter(name, context)).toEqual({ ok: true, value });
  });

  it.each([['REPLICAS'], ['NAMESPACE_NAME'], ['NAMESPACES'], ['ACCOUNTS'], ['NAMESPACE.METADATA.NAME'], ['NAMESPACE.LABELS.team'], ['']])(
    '%j is not predefined',
    (name) => {
      expect(resolvePredefinedParameter(name, context)).toBeUndefined();
      expect(resolvePredefinedParameter(name, unowned)).toBeUndefined();
    },
  );

  it('NAMESPACE works without an account', () => {
    expect(resolvePredefinedParameter('NAMESPACE', unowned)).toEqual({ ok: true, value: 'scratch' });
  });

  it.each([
    [
      'label key is case-sensitive',
      'NAMESPACE.METADATA.LABELS.tier',
      context,
      "${NAMESPACE.METADATA.LABELS.tier} is used, but namespace 'team-a-dev' has no label 'tier'; add metadata.labels[\"tier\"] to the namespace, or remove the reference from the Template",
    ],
    [
      'missing namespace annotation',
      'NAMESPACE.METADATA.ANNOTATIONS.contact',
      context,
      "${NAMESPACE.METADATA.ANNOTATIONS.contact} is used, but namespace 'team-a-dev' has no annotation 'contact'; add metadata.annotations[\"contact\"] to the namespace, or remove the reference from the Template",
    ],
    [
      'namespace without labels',
      'NAMESPACE.METADATA.LABELS.team',
      unowned,
      "${NAMESPACE.METADATA.LABELS.team} is used, but namespace 'scratch' has no label 'team'; add metadata.labels[\"team\"] to the namespace, or remove the reference from the Template",
    ],
    [
      'empty key',
      'NAMESPACE.METADATA.LABELS.',
      context,
      "${NAMESPACE.METADATA.LABELS.} is used, but namespace 'team-a-dev' has no label ''; add metadata.labels[\"\"] to the namespace, or remove the reference from the Template",
    ],
    [
      'missing account label',
      'ACCOUNT.METADATA.LABELS.region',
      context,
      "${ACCOUNT.METADATA.LABELS.region} is used, but account 'acme' has no label 'region'; add metadata.labels[\"region\"] to the Account, or remove the reference from the Template",
    ],
    [
      'missing account annotation',
      'ACCOUNT.METADATA.ANNOTATIONS.x',
      context,
      "${ACCOUNT.METADATA.ANNOTATIONS.x} is used, but account 'acme' has no annotation 'x'; add metadata.annotations[\"x\"] to the Account, or remove the reference from the Template",
    ],
    [
      'ACCOUNT in an unowned namespace',
      'ACCOUNT',
      unowned,
      "${ACCOUNT} is used, but namespace 'scratch' is not owned by an account (no kiosk.sh/account label); instantiate the Template in a space of an account, or remove the reference from the Template",
    ],
    [
      'account label in an unowned namespace',
      'account.metadata.labels.plan',
      { ...unowned, account: null },
      "${account.metadata.labels.plan} is used, but namespace 'scratch' is not owned by an account (no kiosk.sh/account label); instantiate the Template in a space of an account, or remove the reference from the Template",
    ],
  ])('%s', (_, name, ctx, error) => {
    expect(resolvePredefinedParameter(name, ctx)).toEqual({ ok: false, error });
  });

  it('does not see inherited properties as labels', () => {
    expect(resolvePredefinedParameter('NAMESPACE.METADATA.LABELS.toString', context)).toMatchObject({ ok: false });
  });
});
