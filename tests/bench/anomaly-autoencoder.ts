/**
 * Cost of the optional autoencoder detector on a 10,000-point series (a 5-minute series with a daily cycle, noise
 * and the odd incident): the fit (training within its budget, plus scoring the history for calibration), and the
 * per-point cost of warm scoring — the autoencoder's forward pass alone, and the whole ensemble with and without it.
 *
 *   node tests/bench/anomaly-autoencoder.mjs [--points 10000] [--stream 100000] [--backend wasm|cpu] [--repeats 3]
 */
import { dirname, join, sep } from 'node:path';

import { WindowAutoencoder } from 'ml/detectors/autoencoder';
import { SeasonalBaseline } from 'ml/detectors/seasonal-baseline';
import { AnomalyEnsemble } from 'ml/ensemble/anomaly-ensemble';
import type { AnomalyEnsembleOptions } from 'ml/ensemble/options';
import { gaussian, mulberry32 } from 'ml/stats';
import { loadTensorflow, type TfBackendName } from 'ml/tf/tf-backend';
import { numberFlag, parseArgs, stringFlag } from '../../src/cli/args';

const STEP = 300;
const DAY = 288;

function series(n: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from({ length: n }, (_, i) => {
    const incident = rng() < 0.0005 ? 40 * (rng() - 0.5) : 0;
    return 100 + 20 * Math.sin((2 * Math.PI * i) / DAY) + 3 * gaussian(rng) + incident;
  });
}

function timed<T>(run: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const points = numberFlag(args, 'points', 10_000);
  const streamPoints = numberFlag(args, 'stream', 100_000);
  const repeats = numberFlag(args, 'repeats', 3);
  const backend = (stringFlag(args, 'backend') ?? 'wasm') as TfBackendName;
  const wasmPaths = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep;
  const loadStarted = performance.now();
  const runtime = await loadTensorflow({ backend, wasmPaths });
  const loadMs = performance.now() - loadStarted;
  const history = series(points, 1);
  const stream = series(streamPoints, 2);
  const z = new SeasonalBaseline({ candidatePeriods: [DAY] }).fit(history).z;

  // The detector alone: fit (training + the history's scores) and the forward pass per point.
  const fits = Array.from({ length: repeats }, () =>
    timed(() => new WindowAutoencoder({ runtime }).fit(z, new Float64Array(z.length)))
  );
  const detector = fits[fits.length - 1].result;
  const report = detector.report!;
  const zStream = Float64Array.from(stream, (x) => (x - 100) / 3);
  const forward = Array.from({ length: repeats }, () => {
    const copy = detector.clone();
    return timed(() => {
      let sum = 0;
      for (let i = 0; i < zStream.length; i++) {
        sum += copy.scoreNext(zStream[i]);
      }
      return sum;
    }).ms;
  });

  // The ensemble, cold fit and warm scoring, with and without the detector.
  const ensembleRun = (options: AnomalyEnsembleOptions) => {
    const fit = Array.from({ length: repeats }, () => timed(() => new AnomalyEnsemble(options).fit(history, STEP)));
    const warm = fit[0].result;
    const scoring = Array.from({ length: repeats }, () => {
      const copy = warm.clone();
      return timed(() => {
        for (let i = 0; i < stream.length; i++) {
          copy.scoreNext(stream[i]);
        }
      }).ms;
    });
    return { fitMs: median(fit.map((f) => f.ms)), pointsPerSecond: streamPoints / (median(scoring) / 1000) };
  };
  const without = ensembleRun({});
  const withAe = ensembleRun({ detectors: { autoencoder: true }, autoencoder: { runtime } });

  const us = (ms: number) => ((ms * 1000) / streamPoints).toFixed(3);
  process.stdout.write(
    [
      `autoencoder on a ${points}-point series, tfjs ${runtime.backend} backend` +
        (runtime.fallbackReason ? ` (${runtime.fallbackReason})` : '') +
        `, load ${loadMs.toFixed(0)} ms`,
      `  fit (train + score history): median ${median(fits.map((f) => f.ms)).toFixed(0)} ms ` +
        `(${fits.map((f) => f.ms.toFixed(0)).join(', ')}); ${report.steps} steps, stopped by ${report.stoppedBy}`,
      `  forward pass per point: median ${us(median(forward))} µs`,
      `ensemble (10k history, warm scoring of ${streamPoints} points)`,
      `  without: fit ${without.fitMs.toFixed(0)} ms, ${Math.round(without.pointsPerSecond / 1000)}k points/s`,
      `  with autoencoder: fit ${withAe.fitMs.toFixed(0)} ms, ${Math.round(withAe.pointsPerSecond / 1000)}k points/s`,
      '',
    ].join('\n')
  );
}

void main();
