import { describe, expect, it } from 'vitest';
import { formatAge } from './format-age';

const now = Date.parse('2026-03-01T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('formatAge', () => {
  it.each([
    [undefined, '—'],
    ['not a date', '—'],
    [ago(5), '5s'],
    [ago(119), '119s'],
    [ago(120), '2m'],
    [ago(59 * 60), '59m'],
    [ago(3600 + 5 * 60), '1h5m'],
    [ago(3 * 3600), '3h'],
    [ago(30 * 3600), '30h'],
    [ago(3 * 86400), '3d'],
    [ago(800 * 86400), '2y'],
    [new Date(now + 10_000).toISOString(), '0s'],
  ])('%s → %s', (from, want) => {
    expect(formatAge(from, now)).toBe(want);
  });
});
