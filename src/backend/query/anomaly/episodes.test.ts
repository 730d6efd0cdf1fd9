import { findEpisodes } from './episodes';
import { ScoredPoints } from './scored-points';

const DETECTORS = ['residual', 'shift', 'isolationForest'];

function scored(scores: number[], evidence: Record<number, number[]> = {}): ScoredPoints {
  const points = ScoredPoints.allocate(scores.length, DETECTORS.length);
  points.score.set(scores);
  for (const [index, tenths] of Object.entries(evidence)) {
    points.evidence.set(tenths, Number(index) * DETECTORS.length);
  }
  return points;
}

describe('findEpisodes', () => {
  it('finds runs at or above the severity, with their peak and its severity', () => {
    const points = scored([0, 70, 90, 65, 10, 10, 10, 10, 10, 62, NaN]);
    expect(findEpisodes(points, DETECTORS, 'moderate')).toEqual([
      { start: 1, end: 3, peak: 2, severity: 'critical', detectors: [] },
      { start: 9, end: 9, peak: 9, severity: 'moderate', detectors: [] },
    ]);
    expect(findEpisodes(points, DETECTORS, 'critical').map((e) => [e.start, e.end])).toEqual([[2, 2]]);
    expect(findEpisodes(points, DETECTORS, 'minor')).toHaveLength(2);
  });

  it('keeps an episode whole across a short dip, splits it across a long one', () => {
    const short = scored([90, 10, 10, 10, 90]);
    expect(findEpisodes(short, DETECTORS, 'moderate').map((e) => [e.start, e.end])).toEqual([[0, 4]]);
    const long = scored([90, 10, 10, 10, 10, 90]);
    expect(findEpisodes(long, DETECTORS, 'moderate')).toHaveLength(2);
    expect(findEpisodes(scored([90, NaN, NaN, NaN, NaN, 90]), DETECTORS, 'moderate')).toHaveLength(2);
  });

  it('names the detectors whose evidence comes within a decade of the strongest, strongest first', () => {
    const points = scored([0, 95, 95, 0], { 1: [60, 5, 20], 2: [40, 0, 55] });
    expect(findEpisodes(points, DETECTORS, 'moderate')[0].detectors).toEqual(['residual', 'isolationForest']);
  });

  it('finds nothing in calm or unscored series', () => {
    expect(findEpisodes(scored([1, 2, 30, 29]), DETECTORS, 'minor')).toEqual([]);
    expect(findEpisodes(scored([NaN, NaN]), DETECTORS, 'minor')).toEqual([]);
    expect(findEpisodes(scored([]), DETECTORS, 'minor')).toEqual([]);
  });
});
