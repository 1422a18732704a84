import { describe, expect, it } from 'vitest';
import type { JsonValue } from '@/server/tenancy';
import { describeObject } from './describe-object';
import { objectKey } from './object-key';

describe('describeObject', () => {
  it.each<[JsonValue, string]>([
    [{ kind: 'ConfigMap', metadata: { name: 'app-config' } }, 'manifests[2] (ConfigMap app-config)'],
    [{ kind: 'ConfigMap', metadata: {} }, 'manifests[2] (ConfigMap)'],
    [{ metadata: { name: 'x' } }, 'manifests[2] (<no kind> x)'],
    [{ spec: {} }, 'manifests[2]'],
    ['text', 'manifests[2]'],
    [null, 'manifests[2]'],
  ])('%j → %s', (value, label) => {
    expect(describeObject('manifests[2]', value)).toBe(label);
  });
});

describe('objectKey', () => {
  it.each<[[string, string, string | undefined, string], string]>([
    [['v1', 'ConfigMap', 'dev', 'a'], '/ConfigMap/dev/a'],
    [['apps/v1', 'Deployment', 'dev', 'a'], 'apps/Deployment/dev/a'],
    [['rbac.authorization.k8s.io/v1', 'ClusterRole', undefined, 'r'], 'rbac.authorization.k8s.io/ClusterRole//r'],
  ])('%j → %s', (args, key) => {
    expect(objectKey(...args)).toBe(key);
  });

  it('ignores the version, so a manifest can move to a newer one', () => {
    expect(objectKey('batch/v1beta1', 'CronJob', 'dev', 'c')).toBe(objectKey('batch/v1', 'CronJob', 'dev', 'c'));
  });
});
