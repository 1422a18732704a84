import { describe, expect, it } from 'vitest';
import { accountTable, listBody, objectBody, spaceTable, toTable } from './table';

const space = { apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Space', metadata: { name: 'node-space', creationTimestamp: '2026-01-02T03:04:05Z', resourceVersion: '7' }, spec: { account: 'node-account' } };
const account = { apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: 'node-account', creationTimestamp: '2026-01-02T03:04:05.000Z' }, status: { namespaces: [{ name: 'a' }, { name: 'b' }] } };

describe('toTable', () => {
  it('has Kiosk\'s columns for spaces and accounts', () => {
    expect(spaceTable.columns.map((c) => c.name)).toEqual(['Name', 'Owner', 'Created At']);
    expect(accountTable.columns.map((c) => c.name)).toEqual(['Name', 'Spaces', 'Created At']);
  });
  it.each([
    [spaceTable, space, ['node-space', 'node-account', '2026-01-02T03:04:05Z']],
    [accountTable, account, ['node-account', 2, '2026-01-02T03:04:05Z']],
    [spaceTable, { metadata: { name: 'unowned' } }, ['unowned', '', '']],
  ] as const)('cells %#', (layout, obj, cells) => {
    expect((toTable(layout as typeof spaceTable, [obj], { version: 'v1' }).rows as { cells: unknown[] }[])[0]!.cells).toEqual(cells);
  });
  it.each([
    [undefined, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: space.metadata }],
    ['Object', space],
    ['None', null],
  ])('includeObject=%s', (includeObject, object) => {
    const t = toTable(spaceTable, [space], { version: 'v1', includeObject });
    expect((t.rows as { object: unknown }[])[0]!.object).toEqual(object);
  });
  it('leaves out headers when asked (watch events after the first)', () => {
    expect(toTable(spaceTable, [space], { version: 'v1', noHeaders: true }).columnDefinitions).toEqual([]);
  });
});

describe('listBody and objectBody', () => {
  const list = { apiVersion: 'tenancy.kiosk.sh/v1alpha1', kind: 'SpaceList', items: [space], metadata: { resourceVersion: '9', continue: 'c' } };
  it.each([
    [{ kind: 'json' } as const, { kind: 'SpaceList' }],
    [{ kind: 'table', version: 'v1' } as const, { kind: 'Table', metadata: { resourceVersion: '9', continue: 'c' } }],
    [{ kind: 'partial', version: 'v1' } as const, { kind: 'PartialObjectMetadataList', items: [{ kind: 'PartialObjectMetadata' }] }],
  ])('list as %o', (output, want) => expect(listBody(output, spaceTable, list, null)).toMatchObject(want));
  it.each([
    [{ kind: 'json' } as const, { kind: 'Space' }],
    [{ kind: 'table', version: 'v1beta1' } as const, { kind: 'Table', apiVersion: 'meta.k8s.io/v1beta1' }],
    [{ kind: 'partial', version: 'v1' } as const, { kind: 'PartialObjectMetadata', metadata: { name: 'node-space' } }],
  ])('object as %o', (output, want) => expect(objectBody(output, spaceTable, space, null)).toMatchObject(want));
});
