import { dirname, join } from 'node:path';

import { gaussian, mulberry32 } from '../stats/random';
import { loadTensorflow, type TensorflowRuntime } from '../tf/tf-backend';
import { type AutoencoderOptions, MIN_AUTOENCODER_WINDOWS, warmUpAutoencoder, WindowAutoencoder } from './autoencoder';

// Every fit trains a network with tfjs (a few hundred ms each when the test workers share a busy machine).
jest.setTimeout(30_000);

let runtime: TensorflowRuntime;

beforeAll(async () => {
  const wasmPaths = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
  runtime = await loadTensorflow({ wasmPaths });
});

const PERIOD = 16;

/** Standardized residuals that still carry a wave (a cycle the baseline missed), with a little noise. */
function wave(n: number, seed = 1): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from({ length: n }, (_, t) => 1.5 * Math.sin((2 * Math.PI * t) / PERIOD) + 0.2 * gaussian(rng));
}

function detector(options: Partial<AutoencoderOptions> = {}): WindowAutoencoder {
  return new WindowAutoencoder({ runtime, window: PERIOD, budgetMs: Infinity, ...options });
}

function max(values: ArrayLike<number>, from = 0, to = values.length): number {
  let best = -Infinity;
  for (let i = from; i < to; i++) {
    best = Math.max(best, values[i]);
  }
  return best;
}

describe('WindowAutoencoder', () => {
  it('scores a wave shape it never saw above every ordinary window', () => {
    const history = wave(1200);
    const ae = detector().fit(history);
    expect(ae.isTrained).toBe(true);
    // Streamed: the ordinary continuation, then the same wave with its crests flattened (a clipped, flat-topped
    // shape of the same period and sign), which no single residual makes extreme.
    const stream = ae.clone();
    const ordinary = Float64Array.from(wave(400, 2), (z) => stream.scoreNext(z));
    const flattened = Float64Array.from(wave(PERIOD * 4, 3), (z) => stream.scoreNext(Math.max(-0.5, Math.min(0.5, z))));
    const worstOrdinary = max(ordinary, PERIOD);
    // Once the window is mostly flattened, every window scores above the worst ordinary one.
    expect(Math.min(...flattened.subarray(PERIOD))).toBeGreaterThan(worstOrdinary);
  });

  it('scores a flat-topped bump above the ordinary windows around it', () => {
    const ae = detector().fit(wave(1200));
    const test = wave(300, 4);
    test.fill(1.5, 150, 150 + PERIOD);
    const scores = ae.scoreSeries(test, new Float64Array(test.length));
    expect(max(scores, 150 + PERIOD / 2, 150 + PERIOD)).toBeGreaterThan(2 * max(scores, PERIOD, 140));
  });

  it('is deterministic given a seed, and the seed matters', () => {
    const history = wave(600);
    const a = detector({ seed: 7 }).fit(history, new Float64Array(history.length));
    const first = detector({ seed: 7 })
      .fit(history, new Float64Array(history.length))
      .scoreSeries(history, new Float64Array(600));
    const again = a.scoreSeries(history, new Float64Array(600));
    expect(Array.from(again)).toEqual(Array.from(first));
    const other = detector({ seed: 8 }).fit(history).scoreSeries(history, new Float64Array(600));
    expect(Array.from(other)).not.toEqual(Array.from(first));
  });

  it('streams exactly what the batch scores, skipping missing residuals alike', () => {
    const series = wave(900);
    series[700] = NaN;
    series[850] = NaN;
    const ae = detector().fit(series.subarray(0, 600));
    const streamed = Float64Array.from(series.subarray(600), (z) => ae.scoreNext(z));
    const batch = ae.scoreSeries(series, new Float64Array(series.length)).subarray(600);
    expect(Array.from(streamed)).toEqual(Array.from(batch));
    expect(streamed[100]).toBeNaN();
    expect(streamed.filter(Number.isNaN).length).toBe(2);
  });

  it('writes the history scores at fit time: NaN until the first full window', () => {
    const history = wave(200);
    const out = new Float64Array(history.length);
    detector().fit(history, out);
    expect(Array.from(out.subarray(0, PERIOD - 1)).every(Number.isNaN)).toBe(true);
    expect(Array.from(out.subarray(PERIOD - 1)).every(Number.isFinite)).toBe(true);
  });

  it('stops training when the budget runs out', () => {
    // A clock that advances 10 ms per reading: deterministic, unlike the machine's.
    let time = 0;
    const now = () => (time += 10);
    const ae = detector({ budgetMs: 50, maxSteps: 1000, now }).fit(wave(600));
    expect(ae.report).toMatchObject({ stoppedBy: 'budget' });
    expect(ae.report!.steps).toBeLessThan(6);
    const unhurried = detector({ maxSteps: 7 }).fit(wave(600));
    expect(unhurried.report).toMatchObject({ stoppedBy: 'steps', steps: 7 });
  });

  it('leaves no tensor behind: a fitted detector is plain typed arrays', () => {
    const before = runtime.tf.memory().numTensors;
    warmUpAutoencoder(runtime);
    const ae = detector().fit(wave(300));
    expect(runtime.tf.memory().numTensors).toBe(before);
    expect(ae.isTrained).toBe(true);
  });

  it('abstains on a history shorter than it needs, without failing', () => {
    for (const n of [0, 5, PERIOD + MIN_AUTOENCODER_WINDOWS - 2]) {
      const out = new Float64Array(n);
      const ae = detector().fit(wave(n), out);
      expect(ae.isTrained).toBe(false);
      expect(Array.from(out).every(Number.isNaN)).toBe(true);
      expect(ae.scoreNext(0.3)).toBeNaN();
    }
    expect(detector().fit(wave(PERIOD + MIN_AUTOENCODER_WINDOWS - 1)).isTrained).toBe(true);
  });
});
