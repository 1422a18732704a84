import { parseTypedValue } from './parse-typed-value';
import type { JsonValue } from './types';

/** What a resolver knows about a parameter name: its value, an error, or `undefined` when it is no parameter at all. */
export type ParameterLookup = { ok: true; value: string } | { ok: false; error: string } | undefined;

/** Looks up a parameter by the name written between the braces. */
export type ParameterResolver = (name: string) => ParameterLookup;

/** Result of {@link substituteParameters}. */
export type SubstituteResult = { ok: true; value: JsonValue } | { ok: false; error: string };

// The two expressions of Kiosk's pkg/util/parameters/parameters.go. A run of several `$` before `{...}` is an escape;
// `[^}]+` admits `{`, so `${{X}}` inside a longer string is never a typed reference.
const REFERENCE = /\$+?\{[^}]+\}/g;
const WHOLE_TYPED_REFERENCE = /^\$\{\{[^}]+\}\}$/;

/**
 * Substitutes template parameters in one string value, exactly as Kiosk does:
 * - `${NAME}` anywhere in the string is replaced by the parameter's text (single pass, the result is not re-scanned);
 * - `${{NAME}}` as the whole string is replaced by the typed value (see {@link parseTypedValue});
 * - `$${X}` produces the literal `${X}` (one `$` of a run is dropped: `$$${X}` gives `$${X}`);
 * - a reference the resolver does not know stays as written (shell scripts in ConfigMaps keep their `${VAR}`).
 *   Kiosk's quirk is kept for typed references: an unknown `${{X}}` becomes the string `${X}`.
 */
export function substituteParameters(text: string, resolve: ParameterResolver): SubstituteResult {
  if (WHOLE_TYPED_REFERENCE.test(text)) return substituteTyped(text.slice(3, -2), resolve);

  let error: string | undefined;
  const value = text.replace(REFERENCE, (match) => {
    if (error !== undefined) return match;
    if (match[1] === '$') return match.slice(1);
    const found = resolve(match.slice(2, -1));
    if (found === undefined) return match;
    if (!found.ok) {
      error = found.error;
      return match;
    }
    return found.value;
  });
  return error === undefined ? { ok: true, value } : { ok: false, error };
}

function substituteTyped(name: string, resolve: ParameterResolver): SubstituteResult {
  const found = resolve(name);
  if (found && !found.ok) return found;
  const text = found ? found.value : `\${${name}}`;
  const typed = parseTypedValue(text);
  if (typed.ok) return typed;
  return {
    ok: false,
    error: `\${{${name}}}: value '${text}' ${typed.error}; give a valid YAML value, or write \${${name}} to insert it as a string`,
  };
}
