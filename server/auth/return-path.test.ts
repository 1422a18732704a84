import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it.each([
    ['/spaces/team-a?tab=pods', '/spaces/team-a?tab=pods'],
    ['/spaces/new', '/spaces/new'],
    ['https://evil.example/spaces', '/spaces'],
    ['//evil.example/x', '/spaces'],
    ['/\\evil.example', '/spaces'],
    ['/signin?callbackUrl=/x', '/spaces'],
    ['/api/auth/signout', '/spaces'],
    ['javascript:alert(1)', '/spaces'],
    [undefined, '/spaces'],
    [42, '/spaces'],
  ])('%s → %s', (input, want) => {
    expect(safeReturnPath(input)).toBe(want);
  });
});
