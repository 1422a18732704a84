import type { ServerResponse } from 'node:http';
import { badRequest } from './status-errors';
import { openApiV3GroupVersion } from './openapi';

type Schema = { $ref?: string; properties?: Record<string, Schema>; additionalProperties?: Schema | boolean; items?: Schema };
const schemas = (openApiV3GroupVersion() as { components: { schemas: Record<string, Schema> } }).components.schemas;
const resolve = (s: Schema | undefined): Schema | undefined => (s?.$ref ? schemas[s.$ref.replace('#/components/schemas/', '')] : s);

/**
 * Paths of the fields in `value` that `schemaName` does not declare, written
 * as upstream's strict decoder writes them (`spec.foo`, `metadata.ownerReferences[0].bar`).
 * Schemaless parts (FieldsV1, patch bodies) are not descended into.
 */
export function unknownFields(value: unknown, schemaName: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown, s: Schema | undefined, path: string) => {
    s = resolve(s);
    if (!s || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      if (s.items) v.forEach((item, i) => walk(item, s.items, `${path}[${i}]`));
      return;
    }
    for (const [k, child] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (s.properties && k in s.properties) walk(child, s.properties[k], p);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(child, s.additionalProperties, p);
      else if (s.properties) out.push(p);
    }
  };
  walk(value, schemas[schemaName], '');
  return out;
}

/**
 * Honours `?fieldValidation=`: Strict answers 400 as upstream
 * (`strict decoding error: unknown field "spec.foo"`), Warn (the default, as
 * upstream since 1.27) sends Warning headers, Ignore does nothing.
 */
export function enforceFieldValidation(res: ServerResponse, directive: string | null, value: unknown, schemaName: string): void {
  const mode = directive || 'Warn';
  if (mode === 'Ignore') return;
  if (mode !== 'Strict' && mode !== 'Warn') throw badRequest(`fieldValidation must be one of "Ignore", "Warn" or "Strict", not "${mode}"`);
  const unknown = unknownFields(value, schemaName);
  if (unknown.length === 0) return;
  if (mode === 'Strict') throw badRequest(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
  res.setHeader('Warning', unknown.map((f) => `299 - "unknown field \\"${f}\\""`));
}
