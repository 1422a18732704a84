import { resolvePredefinedParameter } from './resolve-predefined-parameter';
import { substituteParameters, type ParameterResolver } from './substitute-parameters';
import type { JsonValue, TemplateContext, TemplateInstanceParameter, TemplateParameter } from './types';
import { validateTemplateParameters } from './validate-template-parameters';

/** Result of {@link renderTemplate}: the rendered objects, or the first error, naming the field and the fix. */
export type RenderTemplateResult = { ok: true; objects: JsonValue[] } | { ok: false; error: string };

/**
 * Renders a Template's `resources.manifests` for one TemplateInstance, with Kiosk's parameter semantics:
 * the given parameters are validated first ({@link validateTemplateParameters}), then every string value
 * (map values and list items, at any depth) is substituted ({@link substituteParameters}). Map keys are left
 * alone, as Kiosk's `parameters.Walk` does. A reference resolves, in order, to a predefined parameter
 * ({@link resolvePredefinedParameter}), the first value given in `spec.parameters`, the declared default (empty
 * when there is none); any other `${X}` stays as written. The inputs are not modified.
 *
 * The same function renders `resources.helm.values`: parse the values YAML and pass it as the only manifest.
 */
export function renderTemplate(
  manifests: readonly unknown[],
  declared: readonly TemplateParameter[],
  given: readonly TemplateInstanceParameter[],
  context: TemplateContext,
): RenderTemplateResult {
  const valid = validateTemplateParameters(declared, given);
  if (!valid.ok) return valid;

  const resolve: ParameterResolver = (name) => {
    const predefined = resolvePredefinedParameter(name, context);
    if (predefined) return predefined;
    const value = given.find((p) => p.name === name) ?? declared.find((p) => p.name === name);
    return value ? { ok: true, value: value.value ?? '' } : undefined;
  };

  const objects: JsonValue[] = [];
  for (const [index, manifest] of manifests.entries()) {
    const rendered = walk(manifest, `manifests[${index}]`, resolve);
    if (!rendered.ok) return rendered;
    objects.push(rendered.value);
  }
  return { ok: true, objects };
}

type WalkResult = { ok: true; value: JsonValue } | { ok: false; error: string };

function walk(value: unknown, path: string, resolve: ParameterResolver): WalkResult {
  if (typeof value === 'string') {
    const result = substituteParameters(value, resolve);
    return result.ok ? result : { ok: false, error: `${path}: ${result.error}` };
  }
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const [index, item] of value.entries()) {
      const result = walk(item, `${path}[${index}]`, resolve);
      if (!result.ok) return result;
      items.push(result.value);
    }
    return { ok: true, value: items };
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      const result = walk(item, childPath(path, key), resolve);
      if (!result.ok) return result;
      out[key] = result.value;
    }
    return { ok: true, value: out };
  }
  return { ok: true, value: value as JsonValue };
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
