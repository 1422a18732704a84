import { describe, expect, it } from 'vitest';
import {
  addQuantity, compareQuantity, formatQuantity, parseQuantity, quantityError, quantityOf, roundUpToInteger, subtractQuantity, zeroQuantity,
} from './quantity';

// Expected texts are what k8s.io/apimachinery's resource.MustParse(in).String() prints.
describe('parseQuantity + formatQuantity', () => {
  it.each([
    ['0', '0', 0n],
    ['2', '2', 2_000_000_000n],
    ['+1', '1', 1_000_000_000n],
    ['1000', '1k', 1_000_000_000_000n],
    ['1500', '1500', 1_500_000_000_000n],
    ['0.5', '500m', 500_000_000n],
    ['1.5', '1500m', 1_500_000_000n],
    ['1.1', '1100m', 1_100_000_000n],
    ['.5', '500m', 500_000_000n],
    ['5.', '5', 5_000_000_000n],
    ['100m', '100m', 100_000_000n],
    ['1m', '1m', 1_000_000n],
    ['1n', '1n', 1n],
    ['0.1n', '1n', 1n],
    ['1u', '1u', 1000n],
    ['-1', '-1', -1_000_000_000n],
    ['-0.5', '-500m', -500_000_000n],
    ['1000M', '1G', 1_000_000_000_000_000_000n],
    ['12E', '12E', 12_000_000_000_000_000_000_000_000_000n],
    ['1000E', '1000E', 1_000_000_000_000_000_000_000_000_000_000n],
    ['1Ki', '1Ki', 1024_000_000_000n],
    ['1Gi', '1Gi', 1_073_741_824_000_000_000n],
    ['1024Ki', '1Mi', 1_048_576_000_000_000n],
    ['1.5Gi', '1536Mi', 1_610_612_736_000_000_000n],
    ['0.5Ki', '512', 512_000_000_000n],
    ['5000Mi', '5000Mi', 5_242_880_000_000_000_000n],
    ['1e3', '1e3', 1_000_000_000_000n],
    ['1.5e3', '1500', 1_500_000_000_000n],
    ['15e-1', '1500e-3', 1_500_000_000n],
    ['1E2', '100', 100_000_000_000n],
  ])('%s prints as %s', (input, text, nanos) => {
    const q = parseQuantity(input);
    expect(q.nanos).toBe(nanos);
    expect(formatQuantity(q)).toBe(text);
  });

  it.each([[4, '4'], [0.25, '250m'], [1e21, '1e21']])('accepts the number %d (int-or-string fields)', (input, text) => {
    expect(formatQuantity(parseQuantity(input))).toBe(text);
  });
});

describe('quantityError', () => {
  it.each([
    ['', 'quantities must match the regular expression'],
    ['abc', 'quantities must match the regular expression'],
    ['e3', 'quantities must match the regular expression'],
    ['1.2.3', 'unable to parse quantity\'s suffix'],
    ['1Ki2', 'unable to parse quantity\'s suffix'],
    ['1kb', 'unable to parse quantity\'s suffix'],
    ['1 Gi', 'unable to parse quantity\'s suffix'],
  ])('%j is not a quantity', (input, message) => {
    expect(quantityError(input)).toContain(message);
  });

  it.each(['1', '250m', '2Gi', '1e3'])('%j is one', (input) => {
    expect(quantityError(input)).toBeUndefined();
  });
});

describe('addQuantity / subtractQuantity keep upstream formats', () => {
  it.each([
    ['1Gi', '512Mi', '1536Mi', '512Mi'],
    ['0', '512Mi', '512Mi', '-512Mi'],
    ['1', '500m', '1500m', '500m'],
    ['2k', '1', '2001', '1999'],
    ['1e3', '1', '1001', '999'],
  ])('%s ± %s', (a, b, sum, diff) => {
    expect(formatQuantity(addQuantity(parseQuantity(a), parseQuantity(b)))).toBe(sum);
    expect(formatQuantity(subtractQuantity(parseQuantity(a), parseQuantity(b)))).toBe(diff);
  });
});

describe('compareQuantity', () => {
  it.each([
    ['1', '1000m', 0],
    ['1Ki', '1024', 0],
    ['999m', '1', -1],
    ['4', '3999m', 1],
    ['1n', '0', 1],
  ] as const)('%s vs %s', (a, b, want) => {
    expect(compareQuantity(parseQuantity(a), parseQuantity(b))).toBe(want);
  });
});

describe('roundUpToInteger', () => {
  it.each([['1.5', '2'], ['1', '1'], ['1m', '1'], ['1500m', '2'], ['-1.5', '-2'], ['2Gi', '2Gi']])('%s → %s', (input, want) => {
    expect(formatQuantity(roundUpToInteger(parseQuantity(input)))).toBe(want);
  });
});

describe('quantityOf / zeroQuantity', () => {
  it.each([[0, '0'], [3, '3'], [1000, '1k']])('quantityOf(%d) prints %s', (n, text) => {
    expect(formatQuantity(quantityOf(n))).toBe(text);
  });
  it.each(['DecimalSI', 'BinarySI'] as const)('zero in %s prints 0 and keeps its format', (f) => {
    expect(zeroQuantity(f)).toEqual({ nanos: 0n, format: f });
    expect(formatQuantity(zeroQuantity(f))).toBe('0');
  });
});
