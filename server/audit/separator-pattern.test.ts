import { describe, expect, it } from 'vitest';
import { separatorPattern } from './list-audit-events';

// Mirrors the latest migration's audit_search_glued on lower-cased text (the query test checks the two agree).
const glued = (t: string) => t.toLowerCase().replace(/ /g, 'q').replace(/[-_]/g, 'z').replace(/[./:]/g, 'x').replace(/@/g, 'j');

/** PostgreSQL's LIKE with its default escape character, as a regular expression. */
function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

describe('separatorPattern: what an audit search asks the glued trigram index for', () => {
  it('keeps the three letters across each separator, where a text like team-42-space-4 differs from its neighbours', () => {
    expect(separatorPattern('team-42-space-4')).toBe('%mz42zs%ez4%');
    expect(separatorPattern('ALICE space.create')).toBe('%eqs%exc%');
    // A separator at either end takes the three letters inside the text; overlapping pieces join.
    expect(separatorPattern('user-7@')).toBe('%rz7j%');
    expect(separatorPattern('-x-y')).toBe('%zxzy%');
  });

  it('matches the glued text of anything that contains the search, so no event is lost', () => {
    for (const q of ['-space-12', 'user-7@', 'a_space', 'x/y:z', 'ALICE space.create', '100% done', 'a\\b-c', 'the 5_% ']) {
      const p = separatorPattern(q);
      expect(p, q).not.toBeNull();
      for (const around of [['', ''], ['before ', ' after'], ['x', 'y']]) {
        expect(glued(`${around[0]}${q}${around[1]}`), `${q} in context`).toMatch(likeToRegExp(p!));
      }
    }
  });

  it('narrows: a text with the same words but other neighbours across a separator does not match', () => {
    expect(glued('team-4 space-42')).not.toMatch(likeToRegExp(separatorPattern('team-42-space-4')!));
  });

  it('tells kinds of separator apart: an address "user-7@" is not found in every row with "user-70" and "team-7 "', () => {
    const p = likeToRegExp(separatorPattern('user-7@')!);
    expect(glued('user-70@example.com space.create team-7 team-7-space-1')).not.toMatch(p);
    expect(glued('user-7 space.create team-7-space-1')).not.toMatch(p);
    expect(glued('user-7@example.com space.create')).toMatch(p);
  });

  it('asks for nothing special when there is no separator, the text is too short or not ASCII', () => {
    expect(separatorPattern('nobody')).toBeNull();
    expect(separatorPattern('a-')).toBeNull();
    expect(separatorPattern('über-team')).toBeNull();
  });
});
