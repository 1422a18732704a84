import type { TemplateInstanceParameter, TemplateParameter } from './types';

/** Result of {@link validateTemplateParameters}. */
export type ValidateTemplateParametersResult = { ok: true } | { ok: false; error: string };

/**
 * Checks the parameters a TemplateInstance gives against those its Template declares, in Kiosk's order
 * (templateinstance_controller.go `validateParameters`), stopping at the first problem:
 * 1. for each declared parameter: every given value must match its `validation` (an unanchored search, as Go's
 *    `regexp.MatchString`: anchor with `^...$` for a full match), and a `required` one must be given — its default
 *    does not count;
 * 2. every given parameter must be declared.
 * Defaults are not validated, and entries with an empty name are ignored on both sides, as in Kiosk.
 */
export function validateTemplateParameters(
  declared: readonly TemplateParameter[],
  given: readonly TemplateInstanceParameter[],
): ValidateTemplateParametersResult {
  for (const [declaredIndex, parameter] of declared.entries()) {
    if (!parameter.name || (!parameter.required && !parameter.validation)) continue;

    let found = false;
    for (const [index, value] of given.entries()) {
      if (value.name !== parameter.name) continue;
      found = true;
      if (!parameter.validation) continue;
      const pattern = compileValidation(parameter.validation);
      if (typeof pattern === 'string') {
        return {
          ok: false,
          error:
            `parameter '${parameter.name}' has an invalid validation pattern '${parameter.validation}' (${pattern}); ` +
            `fix parameters[${declaredIndex}].validation in the Template`,
        };
      }
      if (!pattern.test(value.value)) {
        return {
          ok: false,
          error:
            `parameter '${parameter.name}' value '${value.value}' does not match validation '${parameter.validation}'; ` +
            `set spec.parameters[${index}].value to a value the Template's pattern accepts`,
        };
      }
    }
    if (!found && parameter.required) {
      return {
        ok: false,
        error:
          `missing required parameter '${parameter.name}': the Template requires it; ` +
          `add {name: ${parameter.name}, value: ...} to spec.parameters`,
      };
    }
  }

  const names = new Set(declared.map((p) => p.name).filter(Boolean));
  for (const [index, value] of given.entries()) {
    if (!value.name || names.has(value.name)) continue;
    const known = names.size > 0 ? `declared: ${[...names].join(', ')}` : 'the Template declares no parameters';
    return {
      ok: false,
      error:
        `unknown parameter '${value.name}': spec.parameters[${index}] is not declared by the Template (${known}); ` +
        "remove it, or declare it in the Template's parameters",
    };
  }
  return { ok: true };
}

// Go (RE2) accepts a leading flag group such as `(?i)`; JavaScript needs flags instead.
const LEADING_FLAGS = /^\(\?([ims]+)\)/;

function compileValidation(source: string): RegExp | string {
  const flags = LEADING_FLAGS.exec(source);
  try {
    return flags ? new RegExp(source.slice(flags[0].length), flags[1]) : new RegExp(source);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
