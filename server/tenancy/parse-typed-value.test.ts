import { describe, expect, it } from 'vitest';
import { parseTypedValue } from './parse-typed-value';

describe('parseTypedValue', () => {
  it.each([
    ['integer', '3', 3],
    ['negative', '-5', -5],
    ['signed', '+5', 5],
    ['float', '0.5', 0.5],
    ['float without leading digit', '.5', 0.5],
    ['exponent', '1e3', 1000],
    ['float that is whole', '1.0', 1],
    ['YAML 1.1 octal', '0777', 511],
    ['hex', '0x1F', 31],
    ['binary', '0b101', 5],
    ['underscores', '1_000', 1000],
    ['true', 'true', true],
    ['True', 'True', true],
    ['false', 'false', false],
    ['YAML 1.1 yes', 'yes', true],
    ['YAML 1.1 on', 'on', true],
    ['YAML 1.1 no', 'no', false],
    ['YAML 1.1 off', 'off', false],
    ['empty is null', '', null],
    ['null', 'null', null],
    ['tilde', '~', null],
    ['plain string', 'hello', 'hello'],
    ['string with spaces', 'foo bar', 'foo bar'],
    ['quoted number stays a string', '"3"', '3'],
    ['single-quoted bool stays a string', "'true'", 'true'],
    ['date stays a string (go-yaml v2)', '2001-12-14', '2001-12-14'],
    ['base 60 stays a string (go-yaml v2)', '190:20:30', '190:20:30'],
    ['flow list', '[1, two]', [1, 'two']],
    ['block list', '- a\n- b', ['a', 'b']],
    ['flow map', '{a: 1, b: [x]}', { a: 1, b: ['x'] }],
    ['colon makes a map, as in Kiosk', 'key: value', { key: 'value' }],
    ['surrounding blanks ignored', ' 3 ', 3],
    ['comment ignored', '3 # three', 3],
    ['unresolved reference is a string', '${X}', '${X}'],
  ])('%s: %j', (_, text, expected) => {
    expect(parseTypedValue(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['unclosed map', '{a', /^is not valid YAML \(Flow map must end with a \}/],
    ['unclosed list', '[1, 2', /^is not valid YAML \(Flow sequence must end with a \]/],
    ['duplicate keys', 'a: 1\na: 2', /^is not valid YAML \(Map keys must be unique/],
    ['several documents', 'a\n---\nb', /^is not valid YAML \(Source contains multiple documents/],
    ['infinity', '.inf', /^is not representable in JSON/],
    ['NaN', '.nan', /^is not representable in JSON/],
    ['binary data', '!!binary aGVsbG8=', /^is not representable in JSON/],
    ['infinity inside a list', '[1, .inf]', /^is not representable in JSON/],
  ])('%s: %j fails', (_, text, error) => {
    const result = parseTypedValue(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});
