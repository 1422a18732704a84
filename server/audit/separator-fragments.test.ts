import { describe, expect, it } from 'vitest';
import { separatorFragments } from './list-audit-events';

// Mirrors the migration's audit_search_glued on lower-cased text.
const glued = (t: string) => t.toLowerCase().replace(/[ \-_.@/:]/g, 'q');

describe('separatorFragments: the rare pieces an audit search asks the glued trigram index for', () => {
  it('takes the letters around each separator, which is where a text like team-42-space-4 differs from its neighbours', () => {
    expect(separatorFragments('team-42-space-4')).toEqual(['amq42', '42qsp', 'ceq4']);
    expect(separatorFragments('ALICE space.create')).toEqual(['ceqsp', 'ceqcr']);
  });

  it('every piece is in the glued text of anything that contains the search, so no match is lost', () => {
    for (const q of ['-space-12', 'user-7@', 'a_space', 'x/y:z', 'ALICE space.create', '100% done']) {
      for (const f of separatorFragments(q)) expect(glued(`before ${q} after`)).toContain(f);
    }
  });

  it('asks for nothing when there is no separator or the text is not ASCII (the word trigrams and the exact match decide)', () => {
    expect(separatorFragments('nobody')).toEqual([]);
    expect(separatorFragments('über-team')).toEqual([]);
  });
});
