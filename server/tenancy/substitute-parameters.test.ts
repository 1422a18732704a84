import { describe, expect, it } from 'vitest';
import { substituteParameters, type ParameterResolver } from './substitute-parameters';

const values: Record<string, string> = { NAME: 'web', Test: 'test', REPLICAS: '3', FLAG: 'true', EMPTY: '', LIST: '[a, b]', BAD: '{a' };
const resolve: ParameterResolver = (name) => {
  if (name === 'BROKEN') return { ok: false, error: 'BROKEN cannot be resolved' };
  return Object.hasOwn(values, name) ? { ok: true, value: values[name] as string } : undefined;
};

describe('substituteParameters', () => {
  it.each([
    // Cases of Kiosk's pkg/util/parameters/parameters_test.go
    ['single replace', ' test abc ${Test} ', ' test abc test '],
    ['single escape', ' test abc $${Test} ', ' test abc ${Test} '],
    ['escape drops one dollar of a run', ' test abc $$${Test} ', ' test abc $${Test} '],
    ['multiple, mixed with an escape', ' test ${NAME}${Test} abc $${Test}${Test} ', ' test webtest abc ${Test}test '],
    ['same reference thrice', '${Test}${Test}${Test}', 'testtesttest'],
    ['no reference', 'Test', 'Test'],
    // Atrium's table
    ['whole string, untyped', '${REPLICAS}', '3'],
    ['prefix and suffix', 'app-${NAME}-svc', 'app-web-svc'],
    ['empty value', 'x${EMPTY}y', 'xy'],
    ['unknown reference stays', 'echo ${HOME}', 'echo ${HOME}'],
    ['unknown and known', '${HOME}/${NAME}', '${HOME}/web'],
    ['lone dollar', 'cost: $5', 'cost: $5'],
    ['empty braces are not a reference', '${}', '${}'],
    ['unclosed brace', '${NAME', '${NAME'],
    ['typed inside a longer string stays literal', 'n=${{REPLICAS}}', 'n=${{REPLICAS}}'],
    ['typed with trailing text stays literal', '${{REPLICAS}} ', '${{REPLICAS}} '],
    ['value is not re-scanned', '${LIST}', '[a, b]'],
    ['escaped typed reference', '$${{REPLICAS}}', '${{REPLICAS}}'],
    ['multi-line string', 'a: ${NAME}\nb: ${Test}\n', 'a: web\nb: test\n'],
  ])('%s: %j', (_, text, expected) => {
    expect(substituteParameters(text, resolve)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['number', '${{REPLICAS}}', 3],
    ['boolean', '${{FLAG}}', true],
    ['empty is null', '${{EMPTY}}', null],
    ['list', '${{LIST}}', ['a', 'b']],
    ['string stays a string', '${{NAME}}', 'web'],
    ['unknown typed reference becomes ${X} (Kiosk quirk)', '${{HOME}}', '${HOME}'],
  ])('typed %s: %j', (_, text, expected) => {
    expect(substituteParameters(text, resolve)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['resolver error, untyped', 'a ${BROKEN} b', 'BROKEN cannot be resolved'],
    ['resolver error, typed', '${{BROKEN}}', 'BROKEN cannot be resolved'],
    ['first error wins', '${BROKEN}${BROKEN}', 'BROKEN cannot be resolved'],
    [
      'typed value that is not YAML',
      '${{BAD}}',
      "${{BAD}}: value '{a' is not valid YAML (Flow map must end with a } at line 1, column 3); give a valid YAML value, or write ${BAD} to insert it as a string",
    ],
  ])('%s', (_, text, error) => {
    expect(substituteParameters(text, resolve)).toEqual({ ok: false, error });
  });

  it('passes the name between the braces to the resolver, verbatim', () => {
    const seen: string[] = [];
    substituteParameters('${a} ${ b } ${NAMESPACE.METADATA.LABELS.team} ${{c}}', (name) => {
      seen.push(name);
      return undefined;
    });
    expect(seen).toEqual(['a', ' b ', 'NAMESPACE.METADATA.LABELS.team', '{c']);
    substituteParameters('${{c}}', (name) => {
      seen.push(name);
      return undefined;
    });
    expect(seen.at(-1)).toBe('c');
  });
});
