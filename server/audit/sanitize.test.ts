import { describe, expect, it } from 'vitest';
import { REDACTED, sanitizeSummary, storableText } from './sanitize';

describe('sanitizeSummary', () => {
  it.each([
    [{ token: 'abc', password: 'p', clientSecret: 's', Authorization: 'Bearer x', name: 'dev' }, { token: REDACTED, password: REDACTED, clientSecret: REDACTED, Authorization: REDACTED, name: 'dev' }],
    [{ spec: { oidc: { idToken: 'eyJ', issuer: 'https://idp' } } }, { spec: { oidc: { idToken: REDACTED, issuer: 'https://idp' } } }],
    [{ kind: 'Secret', metadata: { name: 's' }, data: { 'tls.key': 'LS0t' }, stringData: { a: 'b' } }, { kind: 'Secret', metadata: { name: 's' }, data: REDACTED, stringData: REDACTED }],
    [{ kind: 'ConfigMap', data: { a: 'b' } }, { kind: 'ConfigMap', data: { a: 'b' } }],
    [{ n: NaN, i: Infinity, big: 10n, when: new Date('2026-01-01T00:00:00Z'), fn: () => 1, u: undefined }, { n: null, i: null, big: '10', when: '2026-01-01T00:00:00.000Z' }],
    [{ name: '<img src=x onerror=alert(1)>' }, { name: '<img src=x onerror=alert(1)>' }],
  ])('summary case %# is stored redacted and JSON-safe', (input, stored) => {
    expect(sanitizeSummary(input as Record<string, unknown>)).toEqual(stored);
  });

  it('keeps a key named __proto__ as data', () => {
    const s = sanitizeSummary(JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.keys(s!)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('bounds a huge summary instead of storing it', () => {
    const s = sanitizeSummary({ a: 'x'.repeat(4000), b: 'y'.repeat(4000), c: 'z'.repeat(4000), d: 'w'.repeat(4000), e: 'v'.repeat(4000) });
    expect(s).toMatchObject({ truncated: true, keys: ['a', 'b', 'c', 'd', 'e'] });
  });

  it('returns null for no summary', () => {
    expect(sanitizeSummary(undefined)).toBeNull();
  });
});

describe('storableText', () => {
  it.each([
    ['plain', 'plain'],
    ['nul\u0000byte', 'nul\uFFFDbyte'],
    ['lone \uD800 surrogate', 'lone \uFFFD surrogate'],
    ['pair 😀 kept', 'pair 😀 kept'],
    ['back \uDC00 half', 'back \uFFFD half'],
  ])('%j → %j', (input, out) => {
    expect(storableText(input)).toBe(out);
  });
});
