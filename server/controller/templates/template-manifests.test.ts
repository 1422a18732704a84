import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeTemplateManifests, encodeTemplateManifests } from './template-manifests';

const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'dev' }, data: { flag: 'yes', n: '3', when: '2024-01-01' } };
const lr = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' }, spec: { limits: [{ type: 'Container', max: { cpu: 2 } }] } };
// What Kiosk stored: ghodss/yaml documents joined by "\n---\n", gzipped, base64.
const kioskYaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: dev\ndata:\n  flag: "yes"\n\n---\napiVersion: v1\nkind: LimitRange\nmetadata:\n  name: l\n';

describe('templateManifests', () => {
  it('round-trips, keeping strings that YAML 1.1 would read as other types', () => {
    expect(decodeTemplateManifests(encodeTemplateManifests([cm, lr]))).toEqual([cm, lr]);
  });

  it('is gzip + base64 of YAML documents joined by ---, as Kiosk stored it', () => {
    const raw = Buffer.from(encodeTemplateManifests([cm, lr]), 'base64');
    expect([...raw.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  });

  it('is deterministic, so unchanged applies compare equal', () => {
    expect(encodeTemplateManifests([cm])).toBe(encodeTemplateManifests([structuredClone(cm)]));
  });

  it.each<[string, string | undefined, unknown[]]>([
    ['absent', undefined, []],
    ['empty', '', []],
    ['Kiosk compressed', gzipSync(kioskYaml).toString('base64'), [{ ...cm, data: { flag: 'yes' } }, { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' } }]],
    ['plain YAML', kioskYaml, [{ ...cm, data: { flag: 'yes' } }, { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' } }]],
    ['plain JSON', JSON.stringify(lr), [lr]],
    ['no objects', 'just-a-word', []],
  ])('decodes %s', (_, stored, expected) => {
    expect(decodeTemplateManifests(stored)).toEqual(expected);
  });

  it('throws on text that is not YAML', () => {
    expect(() => decodeTemplateManifests('a: [unclosed')).toThrow(/YAML document 1/);
  });
});
