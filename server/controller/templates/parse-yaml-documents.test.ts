import { describe, expect, it } from 'vitest';
import { parseYamlDocuments, toYamlDocument } from './parse-yaml-documents';

describe('parseYamlDocuments', () => {
  it.each<[string, string, unknown[]]>([
    ['several documents, skipping empty ones', '---\n# Source: c/templates/a.yaml\na: 1\n---\n---\nb: x\n', [{ a: 1 }, { b: 'x' }]],
    ['YAML 1.1 booleans, keys too, as kubectl reads them', 'on: yes\nq: "yes"\n', [{ true: true, q: 'yes' }]],
    ['timestamps as strings', 'at: 2024-01-01T00:00:00Z\n', [{ at: '2024-01-01T00:00:00Z' }]],
    ['a List flattened into its items', 'apiVersion: v1\nkind: List\nitems:\n- {kind: A}\n- {kind: B}\n', [{ kind: 'A' }, { kind: 'B' }]],
    ['nothing', '', []],
  ])('reads %s', (_, text, expected) => {
    expect(parseYamlDocuments(text)).toEqual(expected);
  });

  it('names the broken document', () => {
    expect(() => parseYamlDocuments('a: 1\n---\nb: [x\n')).toThrow(/^YAML document 2: /);
  });

  it('refuses alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(() => parseYamlDocuments(bomb)).toThrow();
  });

  it('writes what it reads back identically', () => {
    const value = { s: 'yes', n: '0777', t: '2024-01-01', list: [1, 'on', null] };
    expect(parseYamlDocuments(toYamlDocument(value))).toEqual([value]);
  });
});
