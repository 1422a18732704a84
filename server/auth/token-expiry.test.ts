import { describe, expect, it } from 'vitest';
import { tokenExpiry } from './token-expiry';

const now = new Date('2026-11-30T03:00:00Z');
const jwt = (claims: object) => ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');
const eks = (date: string) => 'k8s-aws-v1.' + Buffer.from(`https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&X-Amz-Date=${date}&X-Amz-Expires=60`).toString('base64url');

describe('tokenExpiry', () => {
  it.each([
    ['a JWT ends at its exp', jwt({ exp: Date.parse('2026-11-30T03:30:00Z') / 1000 }), '2026-11-30T03:30:00.000Z'],
    ['a JWT past the fallback is capped', jwt({ exp: Date.parse('2026-12-30T00:00:00Z') / 1000 }), '2026-11-30T11:00:00.000Z'],
    ['an EKS token lasts 15 minutes from its signing', eks('20261130T025500Z'), '2026-11-30T03:10:00.000Z'],
    ['an opaque token gets the fallback', 'abcdef0123456789', '2026-11-30T11:00:00.000Z'],
    ['a broken JWT gets the fallback', 'a.%%%.c', '2026-11-30T11:00:00.000Z'],
  ])('%s', (_name, token, want) => {
    expect(tokenExpiry(token, now, 8 * 3600).toISOString()).toBe(want);
  });
});
