import { TEMPLATE_SCHEMA, type SchemaNode } from './template-schema';
import { locate, parseYaml, spanOf, type ParsedYaml, type YamlPath, type YamlSpan } from './yaml-locate';

/** One problem in the editor's text, at a line: what CodeMirror's lint shows and the server action returns. */
export interface TemplateDiagnostic extends YamlSpan {
  severity: 'error' | 'warning';
  message: string;
}

export type TemplateParse =
  | { ok: true; template: Record<string, unknown>; diagnostics: TemplateDiagnostic[] }
  | { ok: false; diagnostics: TemplateDiagnostic[] };

const API_VERSION = 'config.kiosk.sh/v1alpha1';
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * Checks a Template as YAML the way the API server and the controller will: YAML syntax, the CRD's schema
 * (types, required fields, unknown fields, which `kubectl apply` rejects with strict validation), then what
 * the controller needs to deploy it (a fixed name for every manifest, compilable validation patterns). Every
 * problem points at its line. `expectName` is the name of the Template being edited (a name cannot change).
 */
export function validateTemplateYaml(text: string, opts: { expectName?: string } = {}): TemplateParse {
  if (!text.trim()) return { ok: false, diagnostics: [{ from: 0, to: 0, line: 1, severity: 'error', message: 'The Template is empty: write apiVersion, kind, metadata.name and resources.' }] };
  const p = parseYaml(text);
  const diagnostics: TemplateDiagnostic[] = [];
  for (const e of p.doc.errors) {
    diagnostics.push({ ...spanOf(p, e.pos[0], e.pos[1]), severity: 'error', message: `YAML: ${e.message.split('\n')[0]}` });
  }
  if (diagnostics.length) return { ok: false, diagnostics };
  const value = p.doc.toJS({ maxAliasCount: 100 }) as unknown;
  const at = (path: YamlPath, message: string, severity: 'error' | 'warning' = 'error', key = false) => {
    diagnostics.push({ ...(locate(p, path, { key }) ?? { from: 0, to: 0, line: 1 }), severity, message });
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    at([], 'A Template is a YAML map with apiVersion, kind, metadata and resources.');
    return { ok: false, diagnostics };
  }
  const obj = value as Record<string, unknown>;
  checkSchema(p, obj, TEMPLATE_SCHEMA, [], at);

  if (obj.apiVersion !== API_VERSION) at(['apiVersion'], `apiVersion must be ${API_VERSION}.`);
  if (obj.kind !== 'Template') at(['kind'], 'kind must be Template.');
  const meta = (obj.metadata ?? {}) as Record<string, unknown>;
  if (typeof meta.name !== 'string' || !meta.name) at(['metadata'], 'metadata.name is required: the Template\'s name, which accounts and TemplateInstances refer to.');
  else if (meta.name.length > 253 || !NAME.test(meta.name)) at(['metadata', 'name'], 'metadata.name must be lowercase letters, digits, "-" and ".", starting and ending with a letter or digit.');
  else if (opts.expectName && meta.name !== opts.expectName) at(['metadata', 'name'], `This Template is named ${opts.expectName}; metadata.name cannot change (to rename, create a new Template).`);

  checkControllerRules(obj, at);
  return diagnostics.some((d) => d.severity === 'error') ? { ok: false, diagnostics } : { ok: true, template: obj, diagnostics };
}

type At = (path: YamlPath, message: string, severity?: 'error' | 'warning', key?: boolean) => void;

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const describeType = (t: string) => (t === 'object' ? 'a map' : t === 'array' ? 'a list' : t === 'string' ? 'a string' : t === 'boolean' ? 'true or false' : t);

function dotted(path: YamlPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') || 'the document';
}

/** A structural schema walk, as the API server validates a custom resource. Null counts as absent (it is pruned). */
function checkSchema(p: ParsedYaml, value: unknown, schema: SchemaNode, path: YamlPath, at: At): void {
  if (value === null || value === undefined) return;
  const t = typeOf(value);
  const want = schema.type;
  if (want && !(t === want || (want === 'number' && t === 'integer'))) {
    const hint = want === 'string' && (t === 'integer' || t === 'number' || t === 'boolean') ? ` Quote it ("${String(value)}").` : '';
    at(path, `${dotted(path)} must be ${describeType(want)}, not ${describeType(t)}.${hint}`);
    return;
  }
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    for (const req of schema.required ?? []) {
      if (obj[req] === undefined || obj[req] === null) at(path, `${dotted([...path, req])} is required.`);
    }
    for (const [k, v] of Object.entries(obj)) {
      const child = schema.properties?.[k];
      if (child) checkSchema(p, v, child, [...path, k], at);
      else if (schema.properties && !schema['x-kubernetes-preserve-unknown-fields']) {
        const known = Object.keys(schema.properties).join(', ');
        at([...path, k], `unknown field "${k}" in ${dotted(path)}; known fields: ${known}.`, 'error', true);
      }
    }
  } else if (t === 'array' && schema.items) {
    (value as unknown[]).forEach((item, i) => checkSchema(p, item, schema.items!, [...path, i], at));
  }
}

/** What would make the controller fail every TemplateInstance of this Template (server/controller/templates). */
function checkControllerRules(obj: Record<string, unknown>, at: At): void {
  const manifests = (obj.resources as { manifests?: unknown } | undefined)?.manifests;
  if (Array.isArray(manifests)) {
    manifests.forEach((m, i) => {
      if (m === null || typeof m !== 'object' || Array.isArray(m)) return;
      const meta = (m as Record<string, unknown>).metadata as Record<string, unknown> | undefined;
      if (!meta || typeof meta !== 'object') at(['resources', 'manifests', i], `resources.manifests[${i}]: metadata.name is missing; every template object needs a fixed name.`);
      else if (meta.generateName !== undefined && !meta.name) at(['resources', 'manifests', i, 'metadata', 'generateName'], 'metadata.generateName is not supported: a template object needs a fixed metadata.name so that later applies can update and delete it.', 'error', true);
      else if (typeof meta.name !== 'string' || !meta.name) at(['resources', 'manifests', i, 'metadata'], `resources.manifests[${i}]: metadata.name is missing; every template object needs a fixed name.`);
    });
  }
  const params = obj.parameters;
  if (Array.isArray(params)) {
    const seen = new Set<string>();
    params.forEach((raw, i) => {
      if (!raw || typeof raw !== 'object') return;
      const param = raw as { name?: unknown; validation?: unknown };
      if (typeof param.name !== 'string' || !param.name) at(['parameters', i], `parameters[${i}].name is required: the name manifests refer to as \${NAME}.`);
      else if (seen.has(param.name)) at(['parameters', i, 'name'], `parameter ${param.name} is declared twice; only the first declaration counts.`, 'warning');
      else seen.add(param.name);
      if (typeof param.validation === 'string') {
        const problem = patternProblem(param.validation);
        if (problem) at(['parameters', i, 'validation'], `parameters[${i}].validation is not a valid regular expression: ${problem}`);
      }
    });
  }
}

// The controller compiles patterns like this (a leading RE2 flag group becomes JavaScript flags).
function patternProblem(source: string): string | undefined {
  const flags = /^\(\?([ims]+)\)/.exec(source);
  try {
    if (flags) new RegExp(source.slice(flags[0].length), flags[1]);
    else new RegExp(source);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

