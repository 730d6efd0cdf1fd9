import type { ItemAnswers } from './store';
import { agreementStats, cohensKappa } from './agreement';

function item(itemId: string, ...categories: string[]): ItemAnswers {
  return {
    itemId,
    title: itemId,
    answers: categories.map((category, i) => ({
      reviewer: `r${i}`,
      category,
      confidence: 'high',
      note: null,
      updatedAt: i,
    })),
  };
}

/** n items where rater A said `a` and rater B said `b`. */
function repeat(n: number, a: string, b: string, prefix: string): ItemAnswers[] {
  return Array.from({ length: n }, (_, i) => item(`${prefix}${i}`, a, b));
}

describe('cohensKappa', () => {
  it.each([
    // Textbook 2x2 tables: (yes,yes) (yes,no) / (no,yes) (no,no).
    [
      [
        [20, 5],
        [10, 15],
      ],
      0.4,
    ],
    [
      [
        [45, 15],
        [25, 15],
      ],
      0.1304,
    ],
    [
      [
        [25, 0],
        [0, 25],
      ],
      1,
    ],
  ])('matches the hand-computed value for %j', (table, expected) => {
    expect(cohensKappa(table)).toBeCloseTo(expected, 4);
  });

  it('is negative when raters agree less than chance would', () => {
    expect(
      cohensKappa([
        [0, 10],
        [10, 0],
      ])
    ).toBeCloseTo(-1, 10);
  });

  it('is undefined without items or when both raters only ever used one category', () => {
    expect(cohensKappa([])).toBeNull();
    expect(cohensKappa([[7]])).toBeNull();
  });
});

describe('agreementStats', () => {
  it('pairs the first two answers of each item and builds the confusion matrix', () => {
    const items = [
      ...repeat(20, 'disk_full', 'disk_full', 'a'),
      ...repeat(5, 'disk_full', 'memory_leak', 'b'),
      ...repeat(10, 'memory_leak', 'disk_full', 'c'),
      ...repeat(15, 'memory_leak', 'memory_leak', 'd'),
      item('third-reviewer-ignored', 'memory_leak', 'memory_leak', 'disk_full'),
      item('single', 'cpu_saturation'),
    ];
    const stats = agreementStats('incident', items, 2);
    expect(stats.categories).toEqual(['disk_full', 'memory_leak']);
    expect(stats.confusion).toEqual([
      [20, 5],
      [10, 16],
    ]);
    expect(stats.labeledItems).toBe(52);
    expect(stats.pairedItems).toBe(51);
    expect(stats.agreedItems).toBe(36);
    expect(stats.percentAgreement).toBeCloseTo(36 / 51, 12);
    const pe = (25 / 51) * (30 / 51) + (26 / 51) * (21 / 51);
    expect(stats.cohensKappa).toBeCloseTo((36 / 51 - pe) / (1 - pe), 12);
  });

  it('reports null statistics rather than numbers when nothing is paired', () => {
    const stats = agreementStats('anomaly', [item('x', 'true_anomaly')], 2);
    expect(stats).toMatchObject({ pairedItems: 0, percentAgreement: null, cohensKappa: null, categories: [] });
  });
});
