import { labelState } from './label-state';

describe('labelState', () => {
  it.each([
    [[], 2, 'unlabeled', null],
    [['disk_full'], 2, 'partial', null],
    [['disk_full', 'disk_full'], 2, 'consensus', 'disk_full'],
    [['disk_full', 'memory_leak'], 2, 'disagreement', null],
    // A third reviewer settles a disagreement; a tie stays open.
    [['disk_full', 'memory_leak', 'disk_full'], 2, 'consensus', 'disk_full'],
    [['a_x', 'b_x', 'a_x', 'b_x'], 2, 'disagreement', null],
    [['disk_full'], 1, 'consensus', 'disk_full'],
    [['disk_full', 'disk_full'], 3, 'partial', null],
  ])('%j with %i reviewers per item is %s', (categories, perItem, state, consensus) => {
    expect(labelState(categories, perItem)).toEqual({ state, consensus });
  });
});
