import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_SCHEMA } from './template-schema';
import { validateTemplateYaml } from './validate-template-yaml';

const good = `apiVersion: config.kiosk.sh/v1alpha1
kind: Template
metadata:
  name: space-defaults
parameters:
  - name: TEAM
    required: true
    validation: "^[a-z]+$"
resources:
  manifests:
    - apiVersion: v1
      kind: ConfigMap
      metadata:
        name: team
        labels: {team: "\${TEAM}"}
      data:
        owner: \${TEAM}
`;

const lines = (text: string) => validateTemplateYaml(text).diagnostics.map((d) => [d.line, d.message]);

describe('validateTemplateYaml', () => {
  it('accepts a valid Template and returns it as an object', () => {
    const r = validateTemplateYaml(good);
    expect(r.ok).toBe(true);
    expect(r.ok && (r.template.metadata as { name: string }).name).toBe('space-defaults');
    expect(r.diagnostics).toEqual([]);
  });

  it.each([
    ['a string field given a number', good.replace('validation: "^[a-z]+$"', 'validation: 42'), 8, 'parameters[0].validation must be a string, not integer. Quote it ("42").'],
    ['a boolean field given a word', good.replace('required: true', 'required: maybe'), 7, 'parameters[0].required must be true or false, not a string.'],
    ['an unknown top-level field (kubectl rejects it)', good.replace('kind: Template', 'kind: Template\nspec: {}'), 3, 'unknown field "spec" in the document; known fields: apiVersion, kind, metadata, resources, parameters.'],
    ['a manifest without kind', good.replace('      kind: ConfigMap\n', ''), 11, 'resources.manifests[0].kind is required.'],
    ['a manifest without a fixed name', good.replace('        name: team\n', '        generateName: team-\n'), 14, 'metadata.generateName is not supported: a template object needs a fixed metadata.name so that later applies can update and delete it.'],
    ['a validation pattern that does not compile', good.replace('"^[a-z]+$"', '"([a-z"'), 8, 'parameters[0].validation is not a valid regular expression: Invalid regular expression: /([a-z/: Unterminated character class'],
    ['the wrong kind', good.replace('kind: Template', 'kind: Templat'), 2, 'kind must be Template.'],
    ['a helm repository without a chart name', good.replace('resources:\n', 'resources:\n  helm:\n    chart:\n      repository: {version: "1"}\n'), 12, 'resources.helm.chart.repository.name is required.'],
  ])('%s', (_what, text, line, message) => {
    expect(lines(text)).toContainEqual([line, message]);
    expect(validateTemplateYaml(text).ok).toBe(false);
  });

  it('reports YAML syntax errors at their line, before anything else', () => {
    const text = good.replace('  name: space-defaults', '  name: space-defaults\n   bad: [unclosed');
    const r = validateTemplateYaml(text);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.message).toMatch(/^YAML: /);
    expect(r.diagnostics[0]!.line).toBeGreaterThanOrEqual(4);
  });

  it('refuses a renamed Template when editing one', () => {
    expect(validateTemplateYaml(good, { expectName: 'other' }).diagnostics).toContainEqual(expect.objectContaining({ line: 4, message: 'This Template is named other; metadata.name cannot change (to rename, create a new Template).' }));
  });

  it('warns, without refusing, about a parameter declared twice', () => {
    const r = validateTemplateYaml(good.replace('parameters:\n', 'parameters:\n  - name: TEAM\n'));
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 7 })]);
  });

  it('an empty editor says what to write', () => {
    expect(validateTemplateYaml('  \n').diagnostics[0]!.message).toMatch(/empty/);
  });
});

describe('TEMPLATE_SCHEMA', () => {
  it('matches the CRD the chart installs (without descriptions)', () => {
    const crd = parse(readFileSync(path.join(import.meta.dirname, '../../deploy/chart/crds/config.kiosk.sh_templates.yaml'), 'utf8'));
    const strip = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(strip);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'description').map(([k, x]) => [k, strip(x)]));
      return v;
    };
    expect(TEMPLATE_SCHEMA).toEqual(strip(crd.spec.versions[0].schema.openAPIV3Schema));
  });
});
