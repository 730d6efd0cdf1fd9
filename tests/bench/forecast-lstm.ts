/**
 * LSTM benchmark on M4 Hourly DEV (a stride sample of the series): accuracy and fit time of the optional LSTM at
 * several wall-clock budgets, what its closed-form start and its gradient steps each contribute, the tfjs backend's
 * cost per training step (wasm vs cpu), and, in the same run, the statistical forecaster, seasonal naive and a
 * per-series neural peer from PyPI (scikit-learn's MLPRegressor; no deep-learning framework is installed for an
 * LSTM peer). Times on a shared machine are noise: ratios against our LSTM on the same series are printed.
 *
 *   node tests/bench/forecast-lstm.mjs [--data <datasets root>] [--series 40] [--budgets 100,300,1000] [--no-peers]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

import { booleanFlag, listFlag, numberFlag, parseArgs, stringFlag } from '../../src/cli/args';
import { loadM4Hourly, M4_HOURLY, M4Series } from '../../src/cli/evaluate/m4-data';
import { HOURLY_PERIOD_HINTS } from '../../src/cli/evaluate/m4-evaluation';
import { mase, maseScale, owa, smape } from '../../src/ml/forecast/accuracy';
import { AutoForecaster } from '../../src/ml/forecast/auto-forecaster';
import { LstmForecaster, LstmForecasterOptions } from '../../src/ml/forecast/lstm';
import { Naive2 } from '../../src/ml/forecast/naive2';
import { SeasonalNaive } from '../../src/ml/forecast/seasonal-naive';
import { loadTensorflow, TensorflowRuntime } from '../../src/ml/tf/tf-backend';

const VENV = join('.cache', 'bench-venv');
const DEFAULT_BUDGET = 300;
const { horizon, period } = M4_HOURLY;

interface Row {
  method: string;
  smape: number;
  mase: number;
  owa: number;
  ms: number;
  /** Mean optimiser steps per fit (LSTM rows). */
  steps?: number;
  /** Share of fits whose gradient steps beat the closed-form start on the held-out windows. */
  improved?: number;
  note?: string;
}

interface Method {
  method: string;
  forecast(s: M4Series): Float64Array;
  /** The LSTM of the last call, for its training report. */
  lastLstm?: () => LstmForecaster | null;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const data = resolve(stringFlag(args, 'data') ?? join('..', 'shared', 'datasets'));
  if (!existsSync(join(data, M4_HOURLY.folder))) {
    process.stderr.write(`lstm bench: no ${M4_HOURLY.folder} under ${data}; pass --data <datasets root>\n`);
    process.exitCode = 2;
    return;
  }
  const all = loadM4Hourly(data);
  const wanted = Math.max(1, Math.min(all.length, numberFlag(args, 'series', 40)));
  const stride = Math.floor(all.length / wanted);
  const series = all.filter((_, i) => i % stride === 0).slice(0, wanted);
  const budgets = (listFlag(args, 'budgets') ?? ['100', String(DEFAULT_BUDGET), '1000']).map(Number);

  const wasmPaths = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep;
  const runtime = await loadTensorflow({ wasmPaths });
  const lstm = (options: Partial<LstmForecasterOptions>): Method => {
    let last: LstmForecaster | null = null;
    return {
      method: '',
      forecast: (s) => {
        last = new LstmForecaster({ runtime, horizon, ...options });
        return last.fit(s.train, { periods: [period] }).forecast(horizon);
      },
      lastLstm: () => last,
    };
  };
  const methods: Method[] = [
    ...budgets.map((budgetMs) => ({ ...lstm({ budgetMs }), method: `lstm, ${budgetMs} ms budget` })),
    { ...lstm({ budgetMs: DEFAULT_BUDGET, maxSteps: 0 }), method: 'lstm, closed-form start only (no steps)' },
    {
      ...lstm({ budgetMs: DEFAULT_BUDGET, closedFormHead: false }),
      method: `lstm, gradient steps only (zero head), ${DEFAULT_BUDGET} ms`,
    },
    {
      method: 'traceo auto combination (no LSTM)',
      forecast: (s) =>
        new AutoForecaster({ horizon, periodHints: HOURLY_PERIOD_HINTS, level: 0.95 }).fit(s.train).predict().mean,
    },
    {
      method: 'seasonal naive',
      forecast: (s) => new SeasonalNaive().fit(s.train, { periods: [period] }).forecast(horizon),
    },
  ];

  // One warm-up fit so that wasm compilation and the JIT are not charged to the first series.
  methods[0].forecast(series[0]);
  const rows = methods.map((m) => measure(m, series));
  const reference = rows.find((r) => r.method === `lstm, ${DEFAULT_BUDGET} ms budget`);
  if (!booleanFlag(args, 'no-peers')) {
    const peer = runPeer(data, series);
    if (peer !== null) {
      rows.push(peer);
    }
  }
  process.stdout.write(
    `M4 Hourly DEV, ${series.length} series (every ${stride}th), h = ${horizon}; tfjs ${runtime.backend}` +
      `${runtime.fallbackReason ? ` (${runtime.fallbackReason})` : ''}\n\n` +
      render(rows, reference) +
      '\n' +
      (await stepCosts(runtime, series[0])) +
      '\n'
  );
}

/** Accuracy (OWA against Naive2 on the same series), mean wall time per fit + forecast, LSTM training stats. */
function measure(m: Method, series: readonly M4Series[]): Row {
  let s = 0;
  let ma = 0;
  let ms = 0;
  let steps = 0;
  let improved = 0;
  for (const one of series) {
    const started = performance.now();
    const f = m.forecast(one);
    ms += performance.now() - started;
    const scale = maseScale(one.train, period);
    s += smape(one.test, f);
    ma += mase(one.test, f, scale);
    const report = m.lastLstm?.()?.training;
    if (report) {
      steps += report.steps;
      improved += report.bestStep > 0 ? 1 : 0;
    }
  }
  const n = series.length;
  const naive = naive2Scores(series);
  const row: Row = {
    method: m.method,
    smape: s / n,
    mase: ma / n,
    owa: owa(s / n, ma / n, naive.smape, naive.mase),
    ms: ms / n,
  };
  if (m.lastLstm) {
    row.steps = steps / n;
    row.improved = improved / n;
  }
  return row;
}

function naive2Scores(series: readonly M4Series[]): { smape: number; mase: number } {
  let s = 0;
  let m = 0;
  for (const one of series) {
    const f = new Naive2().fit(one.train, { periods: [period] }).forecast(horizon);
    s += smape(one.test, f);
    m += mase(one.test, f, maseScale(one.train, period));
  }
  return { smape: s / series.length, mase: m / series.length };
}

/**
 * Milliseconds per optimiser step on one M4 series (a week of hourly windows, batch 32) on each tfjs backend:
 * why the LSTM trains on wasm. The backend is switched back afterwards.
 */
async function stepCosts(runtime: TensorflowRuntime, s: M4Series): Promise<string> {
  const { tf } = runtime;
  const steps = 30;
  const parts: string[] = [];
  for (const backend of ['wasm', 'cpu']) {
    if (!(await tf.setBackend(backend))) {
      parts.push(`${backend}: unavailable`);
      continue;
    }
    const timed = (maxSteps: number): number => {
      const started = performance.now();
      new LstmForecaster({ runtime, horizon, budgetMs: Infinity, maxSteps }).fit(s.train, { periods: [period] });
      return performance.now() - started;
    };
    const without = timed(0);
    const withSteps = timed(steps);
    parts.push(`${backend} ${((withSteps - without) / steps).toFixed(1)} ms`);
  }
  await tf.setBackend(runtime.backend);
  return `tfjs cost per training step (${s.id}, batch 32, 7 daily segments, 24 units): ${parts.join(', ')}\n`;
}

/** scikit-learn's MLPRegressor per series, run by tests/bench/forecast-lstm-peer.py in the bench venv. */
function runPeer(data: string, series: readonly M4Series[]): Row | null {
  const python = join(VENV, 'bin', 'python');
  if (!existsSync(python) && spawnSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' }).status !== 0) {
    process.stderr.write('lstm bench: python3 -m venv failed; peer skipped\n');
    return null;
  }
  if (spawnSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' }).status !== 0) {
    process.stderr.write('installing scikit-learn from PyPI into the bench venv…\n');
    const pip = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'scikit-learn']);
    if (pip.status !== 0) {
      process.stderr.write('lstm bench: pip install scikit-learn failed; peer skipped\n');
      return null;
    }
  }
  mkdirSync(join('.cache', 'bench'), { recursive: true });
  const out = join('.cache', 'bench', 'forecast-lstm-peer.json');
  const ids = series.map((s) => s.id).join(',');
  const run = spawnSync(
    python,
    [join('tests', 'bench', 'forecast-lstm-peer.py'), '--data', data, '--out', out, '--ids', ids],
    { stdio: ['ignore', 'inherit', 'inherit'] }
  );
  if (run.status !== 0 || !existsSync(out)) {
    process.stderr.write('lstm bench: the peer script failed; peer skipped\n');
    return null;
  }
  const peer = JSON.parse(readFileSync(out, 'utf8')) as { forecasts: Record<string, number[]>; seconds: number[] };
  const forecasts = new Map(Object.entries(peer.forecasts));
  const scored = series.filter((s) => forecasts.has(s.id));
  let s = 0;
  let m = 0;
  for (const one of scored) {
    const f = Float64Array.from(forecasts.get(one.id) as number[]);
    s += smape(one.test, f);
    m += mase(one.test, f, maseScale(one.train, period));
  }
  const n = Math.max(1, scored.length);
  const naive = naive2Scores(scored);
  return {
    method: 'scikit-learn MLPRegressor (64 units, per series)',
    smape: s / n,
    mase: m / n,
    owa: owa(s / n, m / n, naive.smape, naive.mase),
    ms: (1000 * peer.seconds.reduce((a, b) => a + b, 0)) / Math.max(1, peer.seconds.length),
    note: scored.length < series.length ? `${series.length - scored.length} series failed` : undefined,
  };
}

function render(rows: Row[], reference: Row | undefined): string {
  const header =
    `${'method'.padEnd(48)} ${'sMAPE'.padStart(7)} ${'MASE'.padStart(6)} ${'OWA'.padStart(6)} ` +
    `${'ms/series'.padStart(10)} ${'× lstm300'.padStart(9)} ${'steps'.padStart(6)} ${'improved'.padStart(8)}`;
  const lines = [header, '-'.repeat(header.length)];
  for (const r of rows) {
    const ratio = reference ? (r.ms / reference.ms).toFixed(2) : '';
    lines.push(
      `${r.method.padEnd(48)} ${r.smape.toFixed(3).padStart(7)} ${r.mase.toFixed(3).padStart(6)} ` +
        `${r.owa.toFixed(3).padStart(6)} ${r.ms.toFixed(1).padStart(10)} ${ratio.padStart(9)} ` +
        `${r.steps === undefined ? ''.padStart(6) : r.steps.toFixed(0).padStart(6)} ` +
        `${r.improved === undefined ? ''.padStart(8) : `${(100 * r.improved).toFixed(0)}%`.padStart(8)}` +
        (r.note ? `   (${r.note})` : '')
    );
  }
  lines.push(
    '',
    'steps: mean Adam steps per fit; improved: fits whose steps beat their start on the held-out recent windows.',
    ''
  );
  return lines.join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `lstm bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
  );
  process.exitCode = 1;
});
