import { describe, expect, it } from 'vitest';
import { pageOfSpaces, parseSpaceListQuery, type SpaceRow } from './space-list';

const row = (name: string, account?: string): SpaceRow => ({ name, account, phase: 'Active', initializing: false });
const rows = [row('web-prod', 'node-account'), row('api-dev', 'node-account'), row('redis-1', 'redis-account'), row('scratch')];

describe('pageOfSpaces', () => {
  it.each([
    ['no query: everything, by name', {}, ['api-dev', 'redis-1', 'scratch', 'web-prod']],
    ['a word of the name', { q: 'dev' }, ['api-dev']],
    ['a word of the account', { q: 'redis' }, ['redis-1']],
    ['every word must match', { q: 'node web' }, ['web-prod']],
    ['case does not matter', { q: 'WEB' }, ['web-prod']],
    ['one account', { account: 'node-account' }, ['api-dev', 'web-prod']],
    ['nothing matches', { q: 'nope' }, []],
  ])('%s', (_name, query, want) => {
    expect(pageOfSpaces(rows, query).rows.map((r) => r.name)).toEqual(want);
  });

  it('cuts pages and reports the total', () => {
    const many = Array.from({ length: 45 }, (_, i) => row(`s-${String(i).padStart(2, '0')}`));
    const p3 = pageOfSpaces(many, { page: 3 }, 20);
    expect(p3).toMatchObject({ total: 45, page: 3 });
    expect(p3.rows.map((r) => r.name)).toEqual(['s-40', 's-41', 's-42', 's-43', 's-44']);
  });

  it('a page past the end shows the last page', () => {
    const p = pageOfSpaces(rows, { page: 9 }, 2);
    expect(p.page).toBe(2);
    expect(p.rows.map((r) => r.name)).toEqual(['scratch', 'web-prod']);
  });
});

describe('parseSpaceListQuery', () => {
  it.each([
    [{}, { q: undefined, account: undefined, page: 1 }],
    [{ q: '  web ', page: '2' }, { q: 'web', account: undefined, page: 2 }],
    [{ page: '-4' }, { q: undefined, account: undefined, page: 1 }],
    [{ page: 'abc' }, { q: undefined, account: undefined, page: 1 }],
    [{ q: ['a', 'b'], account: 'x' }, { q: 'a', account: 'x', page: 1 }],
  ])('%j', (sp, want) => {
    expect(parseSpaceListQuery(sp)).toEqual(want);
  });
});
