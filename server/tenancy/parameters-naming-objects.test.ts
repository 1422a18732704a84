import { describe, expect, it } from 'vitest';
import { namingParametersOf, parametersNamingObjects } from './parameters-naming-objects';

const declared = [{ name: 'NAME' }, { name: 'KIND' }, { name: 'SIZE' }];
const cm = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { size: '${SIZE}' }, ...extra });

describe('parametersNamingObjects', () => {
  it.each([
    ['a given parameter in data only', [cm('app')], [{ name: 'SIZE', value: 'x' }], [], []],
    ['a given parameter in metadata.name', [cm('app-${NAME}')], [{ name: 'NAME', value: 'x' }], [], [{ field: 'manifests[0].metadata.name', parameter: 'NAME' }]],
    ['a typed reference in kind', [{ ...cm('a'), kind: '${{KIND}}' }], [{ name: 'KIND', value: 'Secret' }], [], [{ field: 'manifests[0].kind', parameter: 'KIND' }]],
    ['a parameter the instance does not give (its default applies)', [cm('app-${NAME}')], [], [], []],
    ['a parameter the template allows', [cm('app-${NAME}')], [{ name: 'NAME', value: 'x' }], ['NAME'], []],
    ['a predefined parameter', [cm('app-${NAMESPACE}')], [{ name: 'NAMESPACE', value: 'x' }], [], []],
    ['an escaped reference', [cm('app-$${NAME}')], [{ name: 'NAME', value: 'x' }], [], []],
    ['metadata.namespace', [{ ...cm('a'), metadata: { name: 'a', namespace: '${NAME}' } }], [{ name: 'NAME', value: 'kube-system' }], [], [{ field: 'manifests[0].metadata.namespace', parameter: 'NAME' }]],
  ])('%s', (_, manifests, given, allowed, want) => expect(parametersNamingObjects(manifests, declared, given, allowed)).toEqual(want));
});

describe('namingParametersOf', () => {
  it.each([
    [undefined, []],
    [{ 'atrium.kiosk.sh/naming-parameters': 'NAME, KIND' }, ['NAME', 'KIND']],
  ])('%j → %j', (a, want) => expect(namingParametersOf(a)).toEqual(want));
});
