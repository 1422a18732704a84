import { describe, expect, it } from 'vitest';
import { withGaps } from '@/components/quota/usage-history-data';

describe('usage history', () => {
  it('breaks the line where samples are missing instead of bridging the gap', () => {
    const min = 60_000;
    expect(withGaps([{ at: 2 * min, used: 2 }, { at: 0, used: 1 }, { at: 30 * min, used: 3 }], 10 * min)).toEqual([
      { at: 0, used: 1 },
      { at: 2 * min, used: 2 },
      { at: 2 * min + 1, used: null },
      { at: 30 * min, used: 3 },
    ]);
  });
});
