import { describe, expect, it } from 'vitest';
import { changedKeys, isReservedKey, keyMatches, metadataRefusalMessage, refusedSpaceMetadata } from './space-metadata-policy';

describe('isReservedKey', () => {
  it.each([
    ['pod-security.kubernetes.io/enforce', true],
    ['kubernetes.io/metadata.name', true],
    ['topology.kubernetes.io/zone', true],
    ['networking.k8s.io/anything', true],
    ['k8s.io/x', true],
    ['kiosk.sh/account', true],
    ['atrium.kiosk.sh/role', true],
    ['KIOSK.SH/account', true],
    ['team', false],
    ['example.com/team', false],
    ['notkubernetes.io/x', false],
    ['kubernetes.io.example.com/x', false],
  ])('%s → %s', (key, reserved) => expect(isReservedKey(key)).toBe(reserved));
});

describe('keyMatches', () => {
  it.each([
    ['team', ['team'], true],
    ['team2', ['team'], false],
    ['example.com/team', ['example.com/*'], true],
    ['example.org/team', ['example.com/*'], false],
    ['anything', ['*'], true],
    ['team', [], false],
  ])('%s against %j → %s', (key, patterns, match) => expect(keyMatches(key, patterns)).toBe(match));
});

describe('changedKeys', () => {
  it.each([
    [{ a: '1' }, { a: '1' }, []],
    [{ a: '1' }, { a: '2' }, ['a']],
    [{ a: '1' }, {}, ['a']],
    [undefined, { b: '1', a: '1' }, ['a', 'b']],
  ])('%j → %j is %j', (before, after, keys) => expect(changedKeys(before, after)).toEqual(keys));
});

describe('refusedSpaceMetadata', () => {
  const allow = { labels: ['team', 'example.com/*', 'pod-security.kubernetes.io/enforce'], annotations: ['note'] };
  it.each([
    ['allowed keys', { labels: ['team', 'example.com/tier'], annotations: ['note'] }, undefined],
    ['a reserved key, even when listed', { labels: ['pod-security.kubernetes.io/enforce'], annotations: [] }, { kind: 'label', key: 'pod-security.kubernetes.io/enforce', reason: 'reserved' }],
    ['the account label', { labels: ['kiosk.sh/account'], annotations: [] }, { kind: 'label', key: 'kiosk.sh/account', reason: 'reserved' }],
    ['a key not in the list', { labels: ['tier'], annotations: [] }, { kind: 'label', key: 'tier', reason: 'not-allowed' }],
    ['an annotation not in the list', { labels: [], annotations: ['owner'] }, { kind: 'annotation', key: 'owner', reason: 'not-allowed' }],
    ["kubectl apply's annotation", { labels: [], annotations: ['kubectl.kubernetes.io/last-applied-configuration'] }, undefined],
  ])('%s', (_, keys, want) => expect(refusedSpaceMetadata(keys, allow)).toEqual(want));
});

describe('metadataRefusalMessage', () => {
  it('names the key and where an admin allows it', () => {
    expect(metadataRefusalMessage({ kind: 'label', key: 'tier', reason: 'not-allowed' }, 'acme')).toBe('label "tier" is not allowed on spaces of account acme: a cluster admin can allow it in spec.space.allowedLabels of the Account (or for every account with the chart value spaces.allowedLabels)');
    expect(metadataRefusalMessage({ kind: 'label', key: 'pod-security.kubernetes.io/enforce', reason: 'reserved' }, 'acme')).toContain('label "pod-security.kubernetes.io/enforce" is reserved to cluster admins');
    expect(metadataRefusalMessage({ kind: 'label', key: 'pod-security.kubernetes.io/enforce', reason: 'reserved' }, 'acme')).toContain('spec.space.spaceTemplate.metadata.labels of Account acme');
  });
});
