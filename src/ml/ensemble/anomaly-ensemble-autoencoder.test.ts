import { dirname, join } from 'node:path';

import { gaussian, mulberry32 } from '../stats';
import { loadTensorflow, type TensorflowRuntime } from '../tf/tf-backend';
import { AnomalyEnsemble } from './anomaly-ensemble';
import type { AnomalyEnsembleOptions } from './options';

// Every fit trains a network with tfjs (a few hundred ms each when the test workers share a busy machine).
jest.setTimeout(30_000);

let runtime: TensorflowRuntime;

beforeAll(async () => {
  const wasmPaths = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
  runtime = await loadTensorflow({ wasmPaths });
});

const STEP = 1800;
const DAY = 48;
/** A fast cycle the daily baseline does not model: it stays in the residuals, where the autoencoder learns it. */
const CYCLE = 7;
const T0 = 12 * DAY + 10;
const STALL = 24;

/** A daily season plus a fast oscillation and noise; the oscillation stalls (flat at its mean) for STALL points. */
function stallingSeries(days: number, seed: number) {
  const rng = mulberry32(seed);
  const n = days * DAY;
  const times = Float64Array.from({ length: n }, (_, i) => 1.7e9 + i * STEP);
  const values = Float64Array.from({ length: n }, (_, i) => {
    const stalled = i >= T0 && i < T0 + STALL;
    const fast = stalled ? 0 : 3 * Math.sin((2 * Math.PI * i) / CYCLE);
    return 100 + 20 * Math.sin((2 * Math.PI * i) / DAY) + fast + 0.3 * gaussian(rng);
  });
  return { times, values };
}

const withAutoencoder = (extra: AnomalyEnsembleOptions = {}): AnomalyEnsembleOptions => ({
  seasonal: { periods: [DAY] },
  detectors: { autoencoder: true },
  autoencoder: { runtime, budgetMs: Infinity },
  ...extra,
});

function minIn(x: Float64Array, from: number, to: number): number {
  let m = Infinity;
  for (let i = from; i < to; i++) {
    m = Math.min(m, x[i]);
  }
  return m;
}

function maxIn(x: Float64Array, from: number, to: number): number {
  let m = -Infinity;
  for (let i = from; i < to; i++) {
    m = Math.max(m, x[i]);
  }
  return m;
}

describe('AnomalyEnsemble with the autoencoder', () => {
  it('is off by default and needs a runtime when asked for', () => {
    expect(new AnomalyEnsemble().detectors).not.toContain('autoencoder');
    expect(() => new AnomalyEnsemble({ detectors: { autoencoder: true } })).toThrow('TensorFlow.js runtime');
    expect(new AnomalyEnsemble(withAutoencoder()).detectors).toContain('autoencoder');
  });

  it('sees a stalled oscillation that no single residual shows', () => {
    const { times, values } = stallingSeries(14, 1);
    const on = new AnomalyEnsemble(withAutoencoder()).detect(values, times);
    const off = new AnomalyEnsemble({ seasonal: { periods: [DAY] } }).detect(values, times);
    const stall = { from: T0 + STALL / 2, to: T0 + STALL };
    // The autoencoder's evidence is strong once the window is mostly flat; the residual's is not.
    expect(minIn(on.evidence.autoencoder!, stall.from, stall.to)).toBeLessThan(1e-3);
    expect(minIn(on.evidence.residual!, stall.from, stall.to)).toBeGreaterThan(0.01);
    expect(maxIn(on.score, stall.from, stall.to)).toBeGreaterThan(maxIn(off.score, stall.from, stall.to) + 15);
    // Ordinary days before the stall stay mostly normal with it on.
    const before = Array.from(on.score.subarray(2 * DAY, T0)).filter((s) => !Number.isNaN(s));
    expect(before.filter((s) => s <= 30).length / before.length).toBeGreaterThan(0.95);
  });

  it('continues a copy exactly like the original', () => {
    const { values } = stallingSeries(14, 2);
    const original = new AnomalyEnsemble(withAutoencoder()).fit(values.subarray(0, 12 * DAY), STEP);
    const copy = original.clone();
    const next = values.subarray(12 * DAY);
    const fromCopy = copy.score(next);
    const fromOriginal = original.score(next);
    expect(Array.from(fromCopy.evidence.autoencoder!)).toEqual(Array.from(fromOriginal.evidence.autoencoder!));
    expect(Array.from(fromCopy.score)).toEqual(Array.from(fromOriginal.score));
  });

  it('still scores a series too short for a window, on the other detectors', () => {
    const { times, values } = stallingSeries(1, 3);
    const short = values.subarray(0, 20);
    const r = new AnomalyEnsemble(withAutoencoder({ seasonal: { periods: 'auto' } })).detect(
      short,
      times.subarray(0, 20)
    );
    expect(Array.from(r.evidence.autoencoder!).every(Number.isNaN)).toBe(true);
    const plain = new AnomalyEnsemble({ seasonal: { periods: 'auto' } }).detect(short, times.subarray(0, 20));
    expect(Array.from(r.score)).toEqual(Array.from(plain.score));
  });
});
