import type { SeedRun, StrategyRun } from 'ml/active/simulation';
import { UsageError } from '../args';
import { evaluateActiveCommand } from './active-command';
import { geometricMeanRatio, renderActiveLearning, summarisePool } from './active-report';

function seedRun(seed: number, needed: [number, number, number]): SeedRun {
  const strategies = ['random', 'uncertainty', 'uncertainty+diversity'] as const;
  const runs: StrategyRun[] = strategies.map((strategy, i) => ({
    strategy,
    labelsNeeded: needed[i],
    reachedEarly: needed[i] < 100,
    curve: { labels: [10], f1: [0.5] },
  }));
  return { seed, trainItems: 100, testItems: 40, fullF1: 0.8, target: 0.76, runs };
}

describe('active-learning report', () => {
  const summary = summarisePool('pool', 140, [120, 20], [seedRun(1, [80, 40, 20]), seedRun(2, [100, 20, 20])], 1);

  it('averages labels over seeds and compares each strategy with random', () => {
    const [random, uncertainty, diverse] = summary.strategies;
    expect(random.labelsNeeded).toBe(90);
    expect(uncertainty.ratioToRandom).toBeCloseTo(30 / 90, 12);
    expect(diverse.ratioToRandom).toBeCloseTo(20 / 90, 12);
    expect(diverse.shareOfPool).toBeCloseTo(0.2, 12);
    // The 100-label random run only got there with the whole pool labeled.
    expect(random.seedsReachedEarly).toBe(1);
  });

  it('takes the geometric mean of the ratios over pools', () => {
    const other = summarisePool('other', 140, [120, 20], [seedRun(1, [50, 50, 50])], 1);
    expect(geometricMeanRatio([summary, other], 'uncertainty+diversity')).toBeCloseTo(Math.sqrt((20 / 90) * 1), 12);
    const table = renderActiveLearning([summary, other], 3);
    expect(table).toContain('uncertainty+diversity');
    expect(table).toContain('22.2%');
  });

  it('rejects an unknown pool before loading anything', async () => {
    await expect(evaluateActiveCommand.run(['--pools', 'nope'])).rejects.toThrow(UsageError);
    await expect(evaluateActiveCommand.run(['--diversity', '2'])).rejects.toThrow(UsageError);
  });
});
