/**
 * Forecast benchmark on M4 Hourly (DEV by default): our automatic forecaster's fit + 48-step forecast time and
 * accuracy next to statsmodels' Holt-Winters and Theta and Prophet, run on the same series in the same run (peers
 * in a Python venv under .cache/bench-venv, created on first use). Absolute times on a shared machine are noise,
 * so each peer is also reported as a time ratio against ours on the same series.
 *
 *   node tests/bench/forecast-m4.mjs [--data <datasets root>] [--prophet-series 20] [--no-peers]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { booleanFlag, numberFlag, parseArgs, stringFlag } from '../../src/cli/args';
import { loadM4Hourly, M4_HOURLY, M4Series } from '../../src/cli/evaluate/m4-data';
import { evaluateM4Hourly, HOURLY_PERIOD_HINTS } from '../../src/cli/evaluate/m4-evaluation';
import { AutoForecaster } from '../../src/ml/forecast/auto-forecaster';
import { mase, maseScale, owa, smape } from '../../src/ml/forecast/accuracy';
import { Naive2 } from '../../src/ml/forecast/naive2';

const VENV = join('.cache', 'bench-venv');
const PEER_PACKAGES = ['statsmodels', 'prophet'];

interface PeerRun {
  ids: string[];
  forecasts: number[][];
  seconds: number[];
  errors: number;
}

interface Row {
  method: string;
  series: number;
  smape: number;
  mase: number;
  owa: number;
  ms: number;
  /** Peer time / our time on the same series. */
  ratio?: number;
  note?: string;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const data = resolve(stringFlag(args, 'data') ?? join('..', 'shared', 'datasets'));
  if (!existsSync(join(data, M4_HOURLY.folder))) {
    process.stderr.write(`forecast bench: no ${M4_HOURLY.folder} under ${data}; pass --data <datasets root>\n`);
    process.exitCode = 2;
    return;
  }
  const series = loadM4Hourly(data);
  const bySeries = new Map(series.map((s) => [s.id, s]));

  // Warm the JIT on a few series so that the timed pass measures steady-state code, as a long-lived backend runs.
  evaluateM4Hourly(series.slice(0, 20));
  const { evaluation, forecasts } = evaluateM4Hourly(series);
  const ourMs = new Map<string, number>();
  const ourForecast = new Map<string, Float64Array>();
  forecasts.ids.forEach((id, i) => ourForecast.set(id, forecasts.mean[i]));
  // A second, timing-only pass (fit, forecast and intervals, nothing else) gives the per-series times for ratios.
  for (const s of series) {
    const started = performance.now();
    new AutoForecaster({ horizon: M4_HOURLY.horizon, periodHints: HOURLY_PERIOD_HINTS }).fit(s.train).predict();
    ourMs.set(s.id, performance.now() - started);
  }
  const meanOurMs = [...ourMs.values()].reduce((a, b) => a + b, 0) / Math.max(1, ourMs.size);
  const ours = evaluation.methods[0];
  const rows: Row[] = [
    {
      method: 'traceo auto combination (with 95% intervals)',
      series: evaluation.series,
      smape: ours.smape,
      mase: ours.mase,
      owa: ours.owa,
      ms: meanOurMs,
    },
  ];

  if (!booleanFlag(args, 'no-peers')) {
    const peers = runPeers(data, numberFlag(args, 'prophet-series', 20));
    for (const [method, run] of Object.entries(peers)) {
      const subset = run.ids.map((id) => bySeries.get(id)).filter((s): s is M4Series => s !== undefined);
      const peer = score(
        subset,
        run.forecasts.map((f) => Float64Array.from(f))
      );
      const mine = score(
        subset,
        subset.map((s) => ourForecast.get(s.id) as Float64Array)
      );
      const peerMs = (1000 * run.seconds.reduce((a, b) => a + b, 0)) / Math.max(1, run.seconds.length);
      const oursOnSubset = subset.reduce((a, s) => a + (ourMs.get(s.id) ?? 0), 0) / Math.max(1, subset.length);
      rows.push({
        method,
        series: subset.length,
        ...peer,
        ms: peerMs,
        ratio: peerMs / oursOnSubset,
        note:
          `ours on the same ${subset.length}: OWA ${mine.owa.toFixed(3)}, ${oursOnSubset.toFixed(2)} ms` +
          (run.errors > 0 ? `; ${run.errors} series failed` : ''),
      });
    }
  }
  process.stdout.write(render(rows));
}

/** sMAPE, MASE and OWA of forecasts for a subset, OWA against Naive2 on the same subset. */
function score(subset: readonly M4Series[], forecasts: readonly Float64Array[]) {
  let s = 0;
  let m = 0;
  let ns = 0;
  let nm = 0;
  subset.forEach((series, i) => {
    const scale = maseScale(series.train, M4_HOURLY.period);
    s += smape(series.test, forecasts[i]);
    m += mase(series.test, forecasts[i], scale);
    const naive2 = new Naive2().fit(series.train, { periods: [M4_HOURLY.period] }).forecast(M4_HOURLY.horizon);
    ns += smape(series.test, naive2);
    nm += mase(series.test, naive2, scale);
  });
  const n = Math.max(1, subset.length);
  return { smape: s / n, mase: m / n, owa: owa(s / n, m / n, ns / n, nm / n) };
}

/** Creates the venv on first use, then runs the peer script; a peer that cannot be installed is said plainly. */
function runPeers(data: string, prophetSeries: number): Record<string, PeerRun> {
  const python = join(VENV, 'bin', 'python');
  if (!existsSync(python)) {
    process.stderr.write(`creating ${VENV} and installing ${PEER_PACKAGES.join(', ')} from PyPI…\n`);
    const venv = spawnSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
    if (venv.status !== 0) {
      process.stderr.write('forecast bench: python3 -m venv failed; peers skipped\n');
      return {};
    }
  }
  for (const pkg of PEER_PACKAGES) {
    const probe = spawnSync(python, ['-c', `import ${pkg}`], { stdio: 'ignore' });
    if (probe.status !== 0) {
      const pip = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', pkg], {
        stdio: 'inherit',
      });
      if (pip.status !== 0) {
        process.stderr.write(`forecast bench: pip install ${pkg} failed; its peers will be missing\n`);
      }
    }
  }
  mkdirSync(join('.cache', 'bench'), { recursive: true });
  const out = join('.cache', 'bench', 'forecast-peers.json');
  const peers = spawnSync(
    python,
    [
      join('tests', 'bench', 'forecast_peers.py'),
      '--data',
      data,
      '--out',
      out,
      '--prophet-series',
      String(prophetSeries),
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] }
  );
  if (peers.status !== 0 || !existsSync(out)) {
    process.stderr.write('forecast bench: the peer script failed; peers skipped\n');
    return {};
  }
  return JSON.parse(readFileSync(out, 'utf8')) as Record<string, PeerRun>;
}

function render(rows: Row[]): string {
  const lines = [
    'M4 Hourly, h = 48: fit + forecast time per series and accuracy (OWA against Naive2 on the same series)',
    '',
    `${'method'.padEnd(50)} ${'series'.padStart(6)} ${'sMAPE'.padStart(7)} ${'MASE'.padStart(6)} ${'OWA'.padStart(6)} ${'ms/series'.padStart(10)} ${'× ours'.padStart(8)}`,
  ];
  for (const r of rows) {
    lines.push(
      `${r.method.padEnd(50)} ${String(r.series).padStart(6)} ${r.smape.toFixed(3).padStart(7)} ` +
        `${r.mase.toFixed(3).padStart(6)} ${r.owa.toFixed(3).padStart(6)} ${r.ms.toFixed(2).padStart(10)} ` +
        `${r.ratio === undefined ? ''.padStart(8) : r.ratio.toFixed(1).padStart(8)}` +
        (r.note ? `   (${r.note})` : '')
    );
  }
  lines.push('', 'bar: ≤ 10 ms per series with intervals; OWA ≤ 0.60 (aim 0.45)', '');
  return lines.join('\n');
}

main();
