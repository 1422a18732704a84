import { describe, expect, it } from 'vitest';
import { negotiateOutput, parseAccept } from './negotiate';

describe('negotiateOutput', () => {
  it.each([
    ['absent', undefined, false, { kind: 'json' }],
    ['application/json', 'application/json', false, { kind: 'json' }],
    ['*/*', '*/*', true, { kind: 'json' }],
    ['kubectl get', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', true, { kind: 'table', version: 'v1' }],
    ['Table v1beta1 only', 'application/json;as=Table;v=v1beta1;g=meta.k8s.io', false, { kind: 'table', version: 'v1beta1' }],
    ['metadata informer list', 'application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json', true, { kind: 'partial', version: 'v1' }],
    ['metadata get', 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1', false, { kind: 'partial', version: 'v1' }],
    ['PartialObjectMetadata for a list falls through to JSON', 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1, application/json', true, { kind: 'json' }],
    ['protobuf first, then JSON', 'application/vnd.kubernetes.protobuf, application/json', false, { kind: 'json' }],
    ['q-values', 'application/json;q=0.5, application/json;as=Table;g=meta.k8s.io;v=v1', false, { kind: 'table', version: 'v1' }],
  ])('%s', (_, accept, list, want) => expect(negotiateOutput(accept, list)).toEqual(want));

  it.each([
    ['protobuf only', 'application/vnd.kubernetes.protobuf'],
    ['yaml only', 'application/yaml'],
    ['a Table of another group', 'application/json;as=Table;g=example.com;v=v1'],
    ['PartialObjectMetadata for a list only', 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1'],
  ])('is not acceptable: %s', (_, accept) => expect(negotiateOutput(accept, true)).toBeUndefined());
});

describe('parseAccept', () => {
  it('reads parameters and drops q=0', () => {
    expect(parseAccept('a/b;X=1, c/d;q=0')).toEqual([{ type: 'a/b', params: { x: '1' }, q: 1 }]);
  });
});
