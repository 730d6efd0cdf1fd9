import { gaussian, mulberry32 } from 'ml/stats';

import { fitReadout, ReadoutData } from './lstm-readout';

/** Rows of random features (and a constant) mapped linearly to `head` targets, with optional noise. */
function linearProblem(count: number, seed: number, noise: number, weights: Float64Array): ReadoutData {
  const rng = mulberry32(seed);
  const hidden = new Float32Array(count * 3);
  const readout = new Float32Array(count * 3);
  const targets = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const row = [gaussian(rng), gaussian(rng), gaussian(rng), gaussian(rng), gaussian(rng), 1];
    hidden.set(row.slice(0, 3), i * 3);
    readout.set(row.slice(3), i * 3);
    for (let k = 0; k < 2; k++) {
      let y = noise * gaussian(rng);
      for (let a = 0; a < 6; a++) {
        y += row[a] * weights[a * 2 + k];
      }
      targets[i * 2 + k] = y;
    }
  }
  return { count, hidden, readout, targets };
}

const shape = { hiddenWidth: 3, readoutWidth: 3, head: 2 };
const truth = Float64Array.from([1, -1, 0.5, 2, -0.3, 0, 0, 1, 1.5, -2, 4, 3]);

describe('fitReadout', () => {
  it('recovers a linear head from noise-free rows, the bias unpenalised', () => {
    const fitted = fitReadout(shape, linearProblem(200, 1, 0, truth), null, [1e-8]);
    expect(fitted).not.toBeNull();
    const solution = [...fitted!.outputKernel, ...fitted!.readoutKernel];
    solution.forEach((w, i) => expect(w).toBeCloseTo(truth[i], 4));
    expect(Number.isNaN(fitted!.validationError)).toBe(true);
  });

  it('chooses the penalty that does best on the validation rows', () => {
    // Few noisy training rows: an unpenalised head overfits and a heavily penalised one underfits.
    const train = linearProblem(12, 2, 2, truth);
    const validation = linearProblem(400, 3, 0, truth);
    const grid = [1e-6, 1e-2, 1e-1, 1, 100];
    const chosen = fitReadout(shape, train, validation, grid)!;
    for (const ridge of grid) {
      const single = fitReadout(shape, train, validation, [ridge])!;
      expect(chosen.validationError).toBeLessThanOrEqual(single.validationError);
    }
    expect(chosen.ridge).not.toBe(100);
  });

  it('gives up (null) when every system is singular', () => {
    const empty: ReadoutData = {
      count: 0,
      hidden: new Float32Array(0),
      readout: new Float32Array(0),
      targets: new Float32Array(0),
    };
    expect(fitReadout(shape, empty, null)).toBeNull();
  });
});
