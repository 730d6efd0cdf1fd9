import { gaussian, mulberry32 } from '../stats';
import { MultivariateAnomalyEnsemble } from './multivariate-ensemble';

const COLS = 4;

/** Four correlated metrics (CPU, load, latency follow one driver; the fourth is a sparse counter). */
function telemetry(rows: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  const out = new Float64Array(rows * COLS);
  for (let r = 0; r < rows; r++) {
    const driver = Math.sin((2 * Math.PI * r) / 200) + 0.3 * gaussian(rng);
    out[r * COLS] = driver + 0.1 * gaussian(rng);
    out[r * COLS + 1] = 0.8 * driver + 0.1 * gaussian(rng);
    out[r * COLS + 2] = -0.5 * driver + 0.1 * gaussian(rng);
    out[r * COLS + 3] = rng() < 0.02 ? 1 : 0;
  }
  return out;
}

describe('MultivariateAnomalyEnsemble', () => {
  const train = telemetry(3000, 1);
  const ensemble = () => new MultivariateAnomalyEnsemble({ smoothing: 3 }).fit(train, 3000, COLS);

  it('keeps normal rows low and flags a broken correlation, blaming the right metric', () => {
    const test = telemetry(600, 2);
    // Rows 300–309: latency rises while CPU and load do not (each value alone stays within its range).
    for (let r = 300; r < 310; r++) {
      test[r * COLS + 2] += 2;
    }
    const { score, attribution } = ensemble().score(test, 600);
    const normal = Array.from(score.subarray(0, 290));
    expect(normal.filter((s) => s <= 30).length / normal.length).toBeGreaterThan(0.95);
    expect(Math.max(...score.subarray(302, 310))).toBeGreaterThan(60);
    const row = attribution.subarray(305 * COLS, 306 * COLS);
    expect(Array.from(row).indexOf(Math.max(...row))).toBe(2);
  });

  it('handles a sparse metric without turning every blip into an alarm', () => {
    const test = telemetry(600, 3);
    const { score } = ensemble().score(test, 600);
    const high = Array.from(score).filter((s) => s > 60).length;
    expect(high).toBeLessThan(15);
  });

  it('uses the other evidence groups when weighted in', () => {
    const test = telemetry(100, 4);
    test[50 * COLS] += 10;
    const r = new MultivariateAnomalyEnsemble({ weights: { isolationForest: 1, perDimension: 1 } })
      .fit(train, 3000, COLS)
      .score(test, 100);
    expect(r.evidence.isolationForest[50]).toBeLessThan(0.05);
    expect(r.evidence.perDimension[50]).toBeLessThan(0.05);
    expect(r.score[50]).toBeGreaterThan(60);
    expect(
      Number.isNaN(
        new MultivariateAnomalyEnsemble().fit(train, 3000, COLS).score(test, 100).evidence.isolationForest[0]
      )
    ).toBe(true);
  });
});
