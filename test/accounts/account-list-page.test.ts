import { describe, expect, it } from 'vitest';
import { pageOfAccounts, parseAccountListQuery, type AccountRow } from '@/server/queries/account-list-page';

const row = (name: string, spaces: number, fraction?: number, subjects = ['dev']): AccountRow => ({
  name, spaces, subjects,
  fullest: fraction === undefined ? undefined : { quota: 'q', resource: 'pods', used: '', hard: '', usedValue: 0, hardValue: 0, fraction },
});

describe('accounts list', () => {
  const rows = [row('b', 1, 0.9), row('a', 3), row('c', 2, 0.2, ['alice', 'Group:team-a'])];

  it('sorts by name, by spaces and by the fullest quota (accounts without quotas last)', () => {
    const names = (sort: 'name' | 'spaces' | 'usage') => pageOfAccounts(rows, { sort, page: 1 }).rows.map((r) => r.name);
    expect(names('name')).toEqual(['a', 'b', 'c']);
    expect(names('spaces')).toEqual(['a', 'c', 'b']);
    expect(names('usage')).toEqual(['b', 'c', 'a']);
  });

  it('searches names and subjects, and pages', () => {
    expect(pageOfAccounts(rows, { q: 'team', sort: 'name', page: 1 }).rows.map((r) => r.name)).toEqual(['c']);
    const many = Array.from({ length: 30 }, (_, i) => row(`acct-${String(i).padStart(2, '0')}`, 0));
    const p2 = pageOfAccounts(many, { sort: 'name', page: 2 }, 25);
    expect(p2).toMatchObject({ total: 30, page: 2 });
    expect(p2.rows.map((r) => r.name)).toEqual(['acct-25', 'acct-26', 'acct-27', 'acct-28', 'acct-29']);
    expect(pageOfAccounts(many, { sort: 'name', page: 9 }, 25).page).toBe(2);
  });

  it('reads an unknown sort or page as the defaults', () => {
    expect(parseAccountListQuery({ sort: 'evil', page: '-3' })).toEqual({ q: undefined, sort: 'name', page: 1 });
  });
});
