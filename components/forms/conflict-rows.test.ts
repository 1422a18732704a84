import { describe, expect, it } from 'vitest';
import { conflictRows } from './conflict-rows';

describe('conflict rows', () => {
  it('pairs the person\'s lines with the cluster\'s by label, keeping the form\'s order', () => {
    const rows = conflictRows(
      [{ label: 'Space limit', text: '5' }, { label: 'Members', text: 'User dev' }],
      [{ label: 'Space limit', text: '4' }, { label: 'Members', text: 'User dev' }],
    );
    expect(rows).toEqual([
      { label: 'Space limit', mine: '5', current: '4' },
      { label: 'Members', mine: 'User dev', current: 'User dev' },
    ]);
  });

  it('shows a line only one side has as empty on the other (a limit added or removed)', () => {
    const rows = conflictRows([{ label: 'pods', text: '6' }], [{ label: 'pods', text: '10' }, { label: 'requests.cpu', text: '2' }]);
    expect(rows).toEqual([
      { label: 'pods', mine: '6', current: '10' },
      { label: 'requests.cpu', mine: '', current: '2' },
    ]);
  });
});
