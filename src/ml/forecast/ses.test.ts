import { fitSes, sesSse } from './ses';
import { syntheticSeries } from './synthetic';

/** SSE of SES by direct recursion, for a given α and initial level. */
function directSse(y: Float64Array, alpha: number, l0: number): number {
  let level = l0;
  let sse = 0;
  for (const v of y) {
    sse += (v - level) ** 2;
    level += alpha * (v - level);
  }
  return sse;
}

describe('simple exponential smoothing', () => {
  const noisy = syntheticSeries({ length: 200, noise: 2, seed: 11 });

  it('solves the initial level exactly: no other level gives a lower SSE', () => {
    const alpha = 0.3;
    const fit = sesSse(noisy, alpha);
    for (const l0 of [90, 95, 99, 100, 101, 105]) {
      expect(fit.sse).toBeLessThanOrEqual(directSse(noisy, alpha, l0) + 1e-9);
    }
  });

  it('smooths white noise heavily and follows a random walk closely', () => {
    expect(fitSes(noisy).alpha).toBeLessThan(0.2);
    const walk = new Float64Array(200);
    for (let t = 1; t < 200; t++) {
      walk[t] = walk[t - 1] + noisy[t] - 100;
    }
    expect(fitSes(walk).alpha).toBeGreaterThan(0.8);
  });

  it('the chosen α is at least as good as a grid of others', () => {
    const best = fitSes(noisy);
    for (let alpha = 0.05; alpha < 1; alpha += 0.1) {
      expect(best.sse).toBeLessThanOrEqual(sesSse(noisy, alpha).sse + 1e-6);
    }
  });
});
