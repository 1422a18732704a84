import { describe, expect, it } from 'vitest';
import { locate, parseRendererPath, parseYaml, pathInTemplate } from './yaml-locate';

const text = `apiVersion: config.kiosk.sh/v1alpha1
kind: Template
metadata:
  name: t
parameters:
  - name: A
    validation: "(x"
resources:
  manifests:
    - apiVersion: v1
      kind: ConfigMap
      metadata:
        name: one
      data:
        "a-b": "\${{A}}"
        plain:
    - apiVersion: v1
      kind: ConfigMap
      metadata: {name: two}
`;

describe('parseRendererPath', () => {
  it.each([
    ['manifests[0]', ['manifests', 0]],
    ['manifests[2].data["a-b"][1]', ['manifests', 2, 'data', 'a-b', 1]],
    ['manifests[1].metadata.labels["app.kubernetes.io/name"]', ['manifests', 1, 'metadata', 'labels', 'app.kubernetes.io/name']],
    ['manifests[0].data["say \\"hi\\""]', ['manifests', 0, 'data', 'say "hi"']],
  ])('%s', (path, want) => {
    expect(parseRendererPath(path)).toEqual(want);
  });
});

describe('pathInTemplate', () => {
  it.each([
    ['manifests[0].data["a-b"]: ${{A}}: value \'x\' is not valid', ['resources', 'manifests', 0, 'data', 'a-b']],
    ['manifests[1] (ConfigMap two): duplicates manifests[0] (ConfigMap one)', ['resources', 'manifests', 1]],
    ['resources.helm.values is not valid YAML: …', ['resources', 'helm', 'values']],
    ["parameter 'A' has an invalid validation pattern '(x' (Unterminated group); fix parameters[0].validation in the Template", ['parameters', 0, 'validation']],
    ["missing required parameter 'A': the Template requires it; add {name: A, value: ...} to spec.parameters", undefined],
  ])('%s', (message, want) => {
    expect(pathInTemplate(message)).toEqual(want);
  });
});

describe('locate', () => {
  const p = parseYaml(text);
  const line = (path: (string | number)[], key = false) => locate(p, path, { key })?.line;
  it.each([
    [['kind'], false, 2],
    [['parameters', 0, 'validation'], false, 7],
    [['resources', 'manifests', 0, 'data', 'a-b'], false, 15],
    [['resources', 'manifests', 0, 'data', 'a-b'], true, 15],
    [['resources', 'manifests', 1, 'metadata', 'name'], false, 19],
    // an empty value points at its key
    [['resources', 'manifests', 0, 'data', 'plain'], false, 16],
    // a path that stops early points where it stops
    [['resources', 'manifests', 0, 'spec', 'x'], false, 10],
    [['resources', 'manifests', 7], false, 10],
  ])('%j (key %s) → line %i', (path, key, want) => {
    expect(line(path, key)).toBe(want);
  });
});
