import { describe, expect, it } from 'vitest';
import type { TemplateInstanceParameter, TemplateParameter } from './types';
import { validateTemplateParameters } from './validate-template-parameters';

const declared: TemplateParameter[] = [
  { name: 'DEFAULT_CPU_LIMIT', value: '1' },
  { name: 'DEFAULT_CPU_REQUESTS', value: '0.5', required: true, validation: '^[0-9]*\\.?[0-9]+$' },
  { name: 'TEAM', validation: '[a-z]' },
  { name: 'MODE', validation: '(?i)^(fast|safe)$' },
];
const p = (name: string, value: string): TemplateInstanceParameter => ({ name, value });

describe('validateTemplateParameters', () => {
  it.each<[string, TemplateParameter[], TemplateInstanceParameter[]]>([
    ['required given and valid', declared, [p('DEFAULT_CPU_REQUESTS', '0.25')]],
    ['optional one overridden', declared, [p('DEFAULT_CPU_REQUESTS', '2'), p('DEFAULT_CPU_LIMIT', 'anything')]],
    ['validation is a search, not a full match (Go regexp.MatchString)', declared, [p('DEFAULT_CPU_REQUESTS', '1'), p('TEAM', 'A-team')]],
    ['leading (?i) flag group as in Go', declared, [p('DEFAULT_CPU_REQUESTS', '1'), p('MODE', 'FAST')]],
    ['no parameters at all', [], []],
    ['nothing required, nothing given', [{ name: 'X', value: 'x' }], []],
    ['required with an empty value counts as given', [{ name: 'X', required: true }], [p('X', '')]],
    ['given entries without a name are ignored', [], [p('', 'x')]],
    ['declared entries without a name are ignored', [{ name: '', required: true }], []],
    ['defaults are not validated', [{ name: 'X', value: 'not-a-number', validation: '^[0-9]+$' }], []],
  ])('%s', (_, decl, given) => {
    expect(validateTemplateParameters(decl, given)).toEqual({ ok: true });
  });

  it.each<[string, TemplateParameter[], TemplateInstanceParameter[], string]>([
    [
      'required missing',
      declared,
      [],
      "missing required parameter 'DEFAULT_CPU_REQUESTS': the Template requires it; add {name: DEFAULT_CPU_REQUESTS, value: ...} to spec.parameters",
    ],
    [
      'required with a default still has to be given (Kiosk)',
      [{ name: 'X', value: 'default', required: true }],
      [],
      "missing required parameter 'X': the Template requires it; add {name: X, value: ...} to spec.parameters",
    ],
    [
      'value does not match',
      declared,
      [p('DEFAULT_CPU_REQUESTS', 'lots')],
      "parameter 'DEFAULT_CPU_REQUESTS' value 'lots' does not match validation '^[0-9]*\\.?[0-9]+$'; set spec.parameters[0].value to a value the Template's pattern accepts",
    ],
    [
      'every duplicate is validated, index of the bad one',
      declared,
      [p('DEFAULT_CPU_REQUESTS', '1'), p('DEFAULT_CPU_REQUESTS', 'x')],
      "parameter 'DEFAULT_CPU_REQUESTS' value 'x' does not match validation '^[0-9]*\\.?[0-9]+$'; set spec.parameters[1].value to a value the Template's pattern accepts",
    ],
    [
      'anchored pattern rejects extra text',
      declared,
      [p('DEFAULT_CPU_REQUESTS', '1'), p('MODE', 'fastest')],
      "parameter 'MODE' value 'fastest' does not match validation '(?i)^(fast|safe)$'; set spec.parameters[1].value to a value the Template's pattern accepts",
    ],
    [
      'invalid pattern',
      [{ name: 'X', validation: '(' }],
      [p('X', 'a')],
      "parameter 'X' has an invalid validation pattern '(' (Invalid regular expression: /(/: Unterminated group); fix parameters[0].validation in the Template",
    ],
    [
      'unknown parameter',
      declared,
      [p('DEFAULT_CPU_REQUESTS', '1'), p('REPLICAS', '3')],
      "unknown parameter 'REPLICAS': spec.parameters[1] is not declared by the Template (declared: DEFAULT_CPU_LIMIT, DEFAULT_CPU_REQUESTS, TEAM, MODE); remove it, or declare it in the Template's parameters",
    ],
    [
      'unknown parameter, nothing declared',
      [],
      [p('REPLICAS', '3')],
      "unknown parameter 'REPLICAS': spec.parameters[0] is not declared by the Template (the Template declares no parameters); remove it, or declare it in the Template's parameters",
    ],
    [
      'names are case-sensitive',
      [{ name: 'replicas' }],
      [p('REPLICAS', '3')],
      "unknown parameter 'REPLICAS': spec.parameters[0] is not declared by the Template (declared: replicas); remove it, or declare it in the Template's parameters",
    ],
    [
      'declared checks come before unknown ones, as in Kiosk',
      declared,
      [p('NOPE', '1')],
      "missing required parameter 'DEFAULT_CPU_REQUESTS': the Template requires it; add {name: DEFAULT_CPU_REQUESTS, value: ...} to spec.parameters",
    ],
  ])('%s', (_, decl, given, error) => {
    expect(validateTemplateParameters(decl, given)).toEqual({ ok: false, error });
  });
});
