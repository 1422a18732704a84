import { describe, expect, it } from 'vitest';
import { sameOrigin } from './same-origin';

const console = 'http://localhost:3000';

describe('sameOrigin', () => {
  it.each([
    ['the console itself', { origin: console }, true],
    ['another site', { origin: 'https://evil.example' }, false],
    ['the console on another port', { origin: 'http://localhost:3001' }, false],
    ['no Origin, Referer from the console', { referer: `${console}/spaces/new` }, true],
    ['no Origin, Referer from elsewhere', { referer: 'https://evil.example/x' }, false],
    ['neither header', {}, false],
    ['Origin null (sandboxed frame)', { origin: 'null' }, false],
  ])('%s', (_name, h, want) => {
    expect(sameOrigin(new Headers(h as Record<string, string>), console)).toBe(want);
  });
});
