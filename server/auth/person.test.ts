import { describe, expect, it } from 'vitest';
import { shouldRefresh } from './person';

const t0 = Date.parse('2026-11-30T03:00:00Z');
const min = 60_000;

describe('shouldRefresh', () => {
  it.each([
    ['a fresh one-hour token', { issuedAt: t0, expiresAt: t0 + 60 * min }, t0 + 10 * min, false],
    ['a one-hour token with 4 minutes left', { issuedAt: t0, expiresAt: t0 + 60 * min }, t0 + 56 * min, true],
    ['a one-minute token at half time', { issuedAt: t0, expiresAt: t0 + min }, t0 + 30_000, false],
    ['a one-minute token with 10 seconds left', { issuedAt: t0, expiresAt: t0 + min }, t0 + 50_000, true],
    ['an expired token', { issuedAt: t0, expiresAt: t0 + min }, t0 + 2 * min, true],
    ['no expiry known', {}, t0, false],
  ])('%s', (_name, s, now, want) => {
    expect(shouldRefresh(s, now)).toBe(want);
  });
});
