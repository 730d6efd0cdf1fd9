import { gaussian, mulberry32 } from '../stats';
import { averagePathLength, IsolationForest } from './isolation-forest';

function gaussianMatrix(rows: number, cols: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from({ length: rows * cols }, () => gaussian(rng));
}

describe('IsolationForest', () => {
  it('normalises path lengths with c(n)', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(256)).toBeCloseTo(10.24, 1);
  });

  it('scores an outlier near 1 and inliers near 0.5', () => {
    const cols = 3;
    const data = gaussianMatrix(2000, cols, 1);
    const forest = new IsolationForest({ seed: 3 }).fit(data, 2000, cols);
    const inliers = forest.score(data, 2000);
    const mean = inliers.reduce((a, b) => a + b, 0) / inliers.length;
    expect(mean).toBeGreaterThan(0.35);
    expect(mean).toBeLessThan(0.5);
    const outlier = forest.scoreRow(Float64Array.of(6, -6, 6));
    expect(outlier).toBeGreaterThan(0.7);
    const centre = forest.scoreRow(Float64Array.of(0, 0, 0));
    expect(centre).toBeLessThan(mean);
  });

  it('is reproducible for a seed and differs across seeds', () => {
    const data = gaussianMatrix(500, 2, 2);
    const a = new IsolationForest({ seed: 7, trees: 20 }).fit(data, 500, 2).score(data, 500);
    const b = new IsolationForest({ seed: 7, trees: 20 }).fit(data, 500, 2).score(data, 500);
    const c = new IsolationForest({ seed: 8, trees: 20 }).fit(data, 500, 2).score(data, 500);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('copes with constant data, non-finite rows and an empty fit', () => {
    const constant = new Float64Array(200).fill(4);
    const forest = new IsolationForest({ trees: 10 }).fit(constant, 100, 2);
    expect(Number.isFinite(forest.scoreRow(Float64Array.of(4, 4)))).toBe(true);
    const withNaN = gaussianMatrix(100, 2, 4);
    withNaN[10] = NaN;
    withNaN[31] = Infinity;
    const f2 = new IsolationForest({ trees: 10 }).fit(withNaN, 100, 2);
    expect(f2.scoreRow(Float64Array.of(NaN, 0))).toBeNaN();
    expect(Number.isFinite(f2.scoreRow(Float64Array.of(0, 0)))).toBe(true);
    const empty = new IsolationForest({ trees: 5 }).fit(new Float64Array(0), 0, 2);
    expect(empty.scoreRow(Float64Array.of(1, 2))).toBe(0.5);
  });
});

describe('IsolationForest batch scoring', () => {
  it('gives exactly the row-by-row scores, NaN rows included', () => {
    const data = gaussianMatrix(300, 3, 9);
    data[4] = NaN;
    const forest = new IsolationForest({ trees: 30, seed: 2 }).fit(data, 300, 3);
    const batch = forest.score(data, 300);
    for (let r = 0; r < 300; r++) {
      const single = forest.scoreRow(data, r * 3);
      if (Number.isNaN(single)) {
        expect(batch[r]).toBeNaN();
      } else {
        expect(batch[r]).toBeCloseTo(single, 12);
      }
    }
  });

  it('keeps only the nodes its depth-limited trees use', () => {
    const rng = mulberry32(4);
    const data = Float64Array.from({ length: 2000 * 2 }, () => gaussian(rng));
    const forest = new IsolationForest({ trees: 25, maxSamples: 64, seed: 1 }).fit(data, 2000, 2);
    expect(forest.nodes).toBeGreaterThan(25 * 7); // each tree splits at least down to depth 3
    expect(forest.nodes).toBeLessThan(25 * 127); // a depth-6 limit leaves many of the 2ψ − 1 reserved slots unused
    expect(forest.bytes).toBe(8 * forest.nodes + 4 * 25);
  });
});
