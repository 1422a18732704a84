import { describe, expect, it } from 'vitest';
import type { NamespaceObject } from '@/server/kube';
import {
  namespaceApplyConfig, namespaceForUpdate, namespacePatchFor, namespaceToSpace, spaceManagedFields, toConfigAccount, toTenancyAccount, type Space,
} from './space-conversion';
import { ApiError } from './status-errors';

const ns: NamespaceObject = {
  apiVersion: 'v1', kind: 'Namespace',
  metadata: {
    name: 'node-space', uid: 'u1', resourceVersion: '42', creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { 'kiosk.sh/account': 'node-account', team: 'a', 'kubernetes.io/metadata.name': 'node-space' },
    annotations: { note: 'x' },
    managedFields: [{ manager: 'atrium', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:kiosk.sh/account': {} } } } }],
  },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
};

describe('namespaceToSpace', () => {
  it('moves the account label to spec.account, the finalizers and phase along', () => {
    expect(namespaceToSpace(ns)).toEqual({
      apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space',
      metadata: {
        name: 'node-space', uid: 'u1', resourceVersion: '42', creationTimestamp: '2026-01-01T00:00:00Z',
        labels: { team: 'a', 'kubernetes.io/metadata.name': 'node-space' }, annotations: { note: 'x' },
        managedFields: [{ manager: 'atrium', operation: 'Update', apiVersion: 'tenancy.kiosk.sh/v1alpha1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:account': {} } } }],
      },
      spec: { account: 'node-account', finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });
  it('shows an unowned namespace without spec.account or labels', () => {
    expect(namespaceToSpace({ metadata: { name: 'plain' } })).toEqual({ apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space', metadata: { name: 'plain' }, spec: {}, status: {} });
  });
  it('keeps other label ownership in managedFields', () => {
    const [e] = spaceManagedFields([{ fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:kiosk.sh/account': {}, 'f:team': {} } } } }]);
    expect(e!.fieldsV1).toEqual({ 'f:metadata': { 'f:labels': { '.': {}, 'f:team': {} } }, 'f:spec': { 'f:account': {} } });
  });
});

const space = (over: Partial<Space['metadata']> = {}, account = 'node-account'): Space => ({
  apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space', metadata: { name: 'node-space', labels: { team: 'b' }, ...over }, spec: { account },
});

describe('namespaceForUpdate', () => {
  it('takes labels (keeping the account label), annotations and the resourceVersion from the space', () => {
    const out = namespaceForUpdate(space({ resourceVersion: '41', annotations: { n: 'y' } }), ns);
    expect(out.metadata).toMatchObject({ name: 'node-space', uid: 'u1', labels: { team: 'b', 'kiosk.sh/account': 'node-account' }, annotations: { n: 'y' }, resourceVersion: '41' });
  });
  it.each([['another account', 'redis-account'], ['no account', '']])('rejects %s with 422', (_, account) => {
    expect(() => namespaceForUpdate(space({}, account), ns)).toThrow(ApiError);
    try {
      namespaceForUpdate(space({}, account), ns);
    } catch (e) {
      expect((e as ApiError).status).toMatchObject({ code: 422, reason: 'Invalid', message: `Space.tenancy.kiosk.sh "node-space" is invalid: spec.account: Invalid value: "${account}": field is immutable` });
    }
  });
  it('ignores a kiosk.sh/account label in the space\'s labels', () => {
    expect(namespaceForUpdate(space({ labels: { 'kiosk.sh/account': 'redis-account' } }), ns).metadata.labels).toEqual({ 'kiosk.sh/account': 'node-account' });
  });
});

describe('namespacePatchFor', () => {
  it('is a merge patch of what changed, with the live resourceVersion as precondition', () => {
    const next = namespaceToSpace(ns);
    next.metadata.labels = { team: 'b', 'kubernetes.io/metadata.name': 'node-space', extra: '1' };
    next.metadata.annotations = {};
    expect(namespacePatchFor(next, ns)).toEqual({ metadata: { resourceVersion: '42', labels: { team: 'b', extra: '1' }, annotations: { note: null } } });
  });
  it('changes nothing for an unchanged space', () => {
    expect(namespacePatchFor(namespaceToSpace(ns), ns)).toEqual({ metadata: { resourceVersion: '42' } });
  });
});

describe('namespaceApplyConfig', () => {
  it('never carries the account label, so the applier never owns it', () => {
    expect(namespaceApplyConfig(space({ labels: { team: 'c', 'kiosk.sh/account': 'x' } }), ns)).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'node-space', labels: { team: 'c' } } });
  });
  it('checks spec.account only when the applier sets it', () => {
    expect(() => namespaceApplyConfig(space({}, 'redis-account'), ns)).toThrow(ApiError);
    expect(namespaceApplyConfig({ metadata: { name: 'node-space' } }, ns)).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'node-space' } });
  });
});

describe('account conversion', () => {
  it('round-trips the apiVersion', () => {
    const a = { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: 'a', managedFields: [{ apiVersion: 'config.kiosk.sh/v1alpha1' }] }, spec: { subjects: [] } };
    const t = toTenancyAccount(a);
    expect(t).toMatchObject({ apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Account', metadata: { managedFields: [{ apiVersion: 'tenancy.kiosk.sh/v1alpha1' }] }, spec: { subjects: [] } });
    expect(toConfigAccount(t)).toEqual({ apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: 'a' }, spec: { subjects: [] } });
  });
});
