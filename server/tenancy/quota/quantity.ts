// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource), exact: values are whole nano-units in a
// bigint, so sums and comparisons never round. Parsing rounds finer values up to 1n, as Kubernetes does.

/** How a quantity prints, as in Kubernetes: `1500m`/`2k` (DecimalSI), `1536Mi` (BinarySI), `15e2` (DecimalExponent). */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A quantity: `nanos` is the value times 10^9. */
export interface Quantity {
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

const NANO = 1_000_000_000n;
const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;
const FORMAT_WRONG = 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'';

/** The zero quantity in a format (Kubernetes' `resource.Quantity{Format: f}`). */
export const zeroQuantity = (format: QuantityFormat = 'DecimalSI'): Quantity => ({ nanos: 0n, format });

/** A whole number as a DecimalSI quantity (`resource.NewQuantity(n, DecimalSI)`). */
export const quantityOf = (n: number | bigint): Quantity => ({ nanos: BigInt(n) * NANO, format: 'DecimalSI' });

/** Why a string is not a quantity, in Kubernetes' words; undefined when it is one. */
export function quantityError(text: string): string | undefined {
  try {
    parseQuantity(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Parses a quantity as `resource.ParseQuantity` does: `<sign><digits>[.<digits>]<suffix>` with SI (`m`, `k`, `M` …),
 * binary (`Ki`, `Mi` …) or exponent (`e3`, `E-2`) suffixes. Precision below 1n is rounded up (away from zero).
 * @throws Error with Kubernetes' message for text that is not a quantity.
 */
export function parseQuantity(input: string | number): Quantity {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const m = NUMBER.exec(text);
  const [, sign = '', whole = '', fraction = '', suffix = ''] = m ?? [];
  if (!m || (whole === '' && fraction === '')) throw new Error(FORMAT_WRONG);
  let format: QuantityFormat;
  let base: bigint;
  let exponent: number;
  if (suffix in DECIMAL_SUFFIXES) {
    format = 'DecimalSI';
    base = 10n;
    exponent = DECIMAL_SUFFIXES[suffix]!;
  } else if (suffix in BINARY_SUFFIXES) {
    format = 'BinarySI';
    base = 2n;
    exponent = BINARY_SUFFIXES[suffix]!;
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    format = 'DecimalExponent';
    base = 10n;
    exponent = Number(suffix.slice(1));
  } else {
    throw new Error('unable to parse quantity\'s suffix');
  }
  // value = digits / 10^len(fraction) * base^exponent, in nanos, rounded up in magnitude.
  let numerator = BigInt(`${whole}${fraction}` || '0') * NANO;
  let denominator = 10n ** BigInt(fraction.length);
  if (exponent >= 0) numerator *= base ** BigInt(exponent);
  else denominator *= base ** BigInt(-exponent);
  let magnitude = numerator / denominator;
  if (numerator % denominator !== 0n) magnitude += 1n;
  return { nanos: sign === '-' ? -magnitude : magnitude, format };
}

/** Kubernetes' canonical text of a quantity (`Quantity.String()`): `1500m`, `2k`, `1536Mi`, `0`. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const negative = q.nanos < 0n;
  const abs = negative ? -q.nanos : q.nanos;
  let format = q.format;
  if (format === 'BinarySI' && (abs < 1024n * NANO || abs % NANO !== 0n)) format = 'DecimalSI';
  let text: string;
  if (format === 'BinarySI') {
    let units = abs / NANO;
    let power = 0;
    while (power < BINARY_BY_POWER.length - 1 && units % 1024n === 0n) {
      units /= 1024n;
      power++;
    }
    text = `${units}${BINARY_BY_POWER[power]}`;
  } else {
    // mantissa * 10^exponent with every factor of 10 moved into the exponent, then the exponent lowered to a multiple of 3.
    let mantissa = abs;
    let exponent = -9;
    while (mantissa % 10n === 0n) {
      mantissa /= 10n;
      exponent++;
    }
    while (((exponent % 3) + 3) % 3 !== 0) {
      mantissa *= 10n;
      exponent--;
    }
    if (format === 'DecimalExponent') {
      text = exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
    } else {
      if (exponent > 18) {
        mantissa *= 10n ** BigInt(exponent - 18);
        exponent = 18;
      }
      text = `${mantissa}${DECIMAL_BY_EXPONENT.get(exponent)}`;
    }
  }
  return negative ? `-${text}` : text;
}

/** a + b; the sum takes b's format when a is zero (`Quantity.Add`). */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** a - b; the difference takes b's format when a is zero (`Quantity.Sub`). */
export function subtractQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareQuantity(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** The quantity rounded away from zero to a whole number (`Quantity.RoundUp(0)`), as PVC storage requests are counted. */
export function roundUpToInteger(q: Quantity): Quantity {
  const rem = q.nanos % NANO;
  if (rem === 0n) return q;
  return { nanos: q.nanos - rem + (q.nanos > 0n ? NANO : -NANO), format: q.format };
}
