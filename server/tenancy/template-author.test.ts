import { describe, expect, it } from 'vitest';
import { formatAuthor, parseAuthor } from './template-author';

describe('template author annotation', () => {
  it('round-trips', () => {
    const a = { username: 'dev', uid: 'u1', groups: ['devs', 'system:authenticated'], extra: { scopes: ['a'] } };
    expect(parseAuthor(formatAuthor(a))).toEqual(a);
  });
  it.each([undefined, '', 'not json', '{"username":""}', '{"username":"x","groups":"g"}', '{"username":"x","groups":[1]}'])('ignores %j', (v) => {
    expect(parseAuthor(v)).toBeUndefined();
  });
});
