import { parseAllDocuments, stringify, type Tags } from 'yaml';
import type { JsonValue } from '@/server/tenancy';

const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';

/**
 * YAML as Kubernetes reads it (sigs.k8s.io/yaml, i.e. go-yaml v2): YAML 1.1 scalars — an unquoted `yes` is a boolean,
 * as kubectl would apply it — but timestamps stay strings. Used for both reading and writing, so what we store
 * reads back identically.
 */
export const KUBE_YAML_OPTIONS = {
  version: '1.1' as const,
  logLevel: 'error' as const,
  customTags: (tags: Tags) => tags.filter((tag) => (typeof tag === 'string' ? !['timestamp', 'intTime', 'floatTime'].includes(tag) : tag.tag !== TIMESTAMP_TAG && tag.format !== 'TIME')),
};

/** Aliases expand on conversion: a bound keeps a "billion laughs" document from exhausting memory. */
const MAX_ALIAS_COUNT = 100;

/**
 * The documents of a multi-document YAML stream (`helm template` output, stored manifests), as JSON values.
 * Empty documents (a lone `---`, comments only) are skipped and a `kind: List` is flattened into its items, as
 * kubectl does.
 * @throws Error naming the document (1-based) and the YAML problem.
 */
export function parseYamlDocuments(text: string): JsonValue[] {
  const out: JsonValue[] = [];
  for (const [index, doc] of parseAllDocuments(text, KUBE_YAML_OPTIONS).entries()) {
    const problem = doc.errors[0];
    if (problem) throw new Error(`YAML document ${index + 1}: ${problem.message.split('\n')[0]}`);
    const value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as JsonValue | undefined;
    if (value === null || value === undefined) continue;
    if (isList(value)) out.push(...value.items);
    else out.push(value);
  }
  return out;
}

/** One object as a YAML document, in the dialect {@link parseYamlDocuments} reads. */
export function toYamlDocument(value: JsonValue): string {
  return stringify(value, { ...KUBE_YAML_OPTIONS, aliasDuplicateObjects: false, lineWidth: 0 });
}

function isList(value: JsonValue): value is { kind: string; items: JsonValue[] } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'List' && Array.isArray(value.items);
}
