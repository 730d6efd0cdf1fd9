/**
 * `traceo-ml evaluate m4 --data <root> --out <dir>`: M4 Hourly (h = 48, m = 24) accuracy of the automatic
 * forecaster, with Naive2 and seasonal naive computed in the same run, point forecasts and 95% bounds in the M4
 * submission layout, interval coverage and MSIS, and the mean fit + forecast time per series.
 * `--lstm [--lstm-budget-ms N]` also scores the optional LSTM (see `lstmMethods`).
 */
import { join } from 'node:path';

import { AutoForecaster, type AutoForecasterOptions } from 'ml/forecast/auto-forecaster';
import { LstmForecaster } from 'ml/forecast/lstm';
import { lstmOnly, withLstm } from 'ml/forecast/lstm-candidate';

import { booleanFlag, numberFlag, parseArgs, stringFlag, stringFlagOr } from '../args';
import type { CliCommand } from '../commands';
import { loadM4Hourly, M4_HOURLY } from './m4-data';
import {
  evaluateM4Hourly,
  ExtraMethod,
  HOURLY_PERIOD_HINTS,
  M4_HOURLY_DEV_NAIVE2,
  M4Evaluation,
  m4SubmissionCsv,
} from './m4-evaluation';
import { fixed, formatTable, resolveDataRoot, writeJson, writeText } from './report';
import { loadCliTensorflow } from './tensorflow';

export const evaluateM4Command: CliCommand = {
  name: 'evaluate m4',
  description:
    'M4 Hourly sMAPE / MASE / OWA, 95% coverage and MSIS, fit time of the forecaster vs Naive2 and seasonal naive. ' +
    '--data <datasets root> --out <dir> [--limit <series>] [--lstm [--lstm-budget-ms <ms>]]',
  async run(argv) {
    const args = parseArgs(argv);
    const root = resolveDataRoot(stringFlag(args, 'data'), M4_HOURLY.folder);
    const out = join(stringFlagOr(args, 'out', join('.cache', 'evaluate')), 'm4');
    const limit = numberFlag(args, 'limit', Infinity);
    const series = loadM4Hourly(root).slice(0, limit);
    const extras = booleanFlag(args, 'lstm') ? await lstmMethods(numberFlag(args, 'lstm-budget-ms', 300)) : [];
    const { evaluation, forecasts } = evaluateM4Hourly(series, {}, extras);
    writeText(join(out, 'traceo-forecasts.csv'), m4SubmissionCsv(forecasts.ids, forecasts.mean));
    writeText(join(out, 'traceo-lower.csv'), m4SubmissionCsv(forecasts.ids, forecasts.lower));
    writeText(join(out, 'traceo-upper.csv'), m4SubmissionCsv(forecasts.ids, forecasts.upper));
    writeJson(join(out, 'm4-scores.json'), evaluation);
    process.stdout.write(renderM4(evaluation));
    process.stdout.write(
      `\nforecasts, lower, upper: ${out}/traceo-{forecasts,lower,upper}.csv  scores: ${out}/m4-scores.json\n`
    );
    return 0;
  },
};

/**
 * The LSTM scored three ways on the same series: alone, fitted on the whole train (its own point accuracy and
 * fit time); alone through the automatic forecaster (trained at the oldest backtest origin, followed by `update`,
 * with the conformal 95% intervals every model gets); and added to the default pool, as a query opting in would.
 */
async function lstmMethods(budgetMs: number): Promise<ExtraMethod[]> {
  const runtime = await loadCliTensorflow(`LSTM (budget ${budgetMs} ms per fit)`);
  const lstm = { runtime, horizon: M4_HOURLY.horizon, budgetMs };
  const auto =
    (candidates: AutoForecasterOptions['candidates']): ExtraMethod['forecast'] =>
    (train, horizon) =>
      new AutoForecaster({ periodHints: HOURLY_PERIOD_HINTS, horizon, level: 0.95, candidates }).fit(train).predict();
  return [
    {
      method: `lstm (${budgetMs} ms, fitted on the train)`,
      forecast: (train, horizon) => ({
        mean: new LstmForecaster(lstm).fit(train, { periods: [M4_HOURLY.period] }).forecast(horizon),
      }),
    },
    { method: 'lstm (backtested, intervals)', forecast: auto(lstmOnly(lstm)) },
    { method: 'traceo + lstm in the pool', forecast: auto(withLstm(lstm)) },
  ];
}

export function renderM4(e: M4Evaluation): string {
  const rows = e.methods.map((m) => [
    m.method,
    fixed(m.smape, 3),
    fixed(m.mase, 3),
    fixed(m.owa, 3),
    m.coverage === undefined ? '' : `${fixed(100 * m.coverage, 2)}%`,
    m.msis === undefined ? '' : fixed(m.msis, 3),
    fixed(m.meanMs, 3),
  ]);
  const ours = e.methods[0];
  const naive2 = e.methods[1];
  const devOwa = 0.5 * (ours.smape / M4_HOURLY_DEV_NAIVE2.smape + ours.mase / M4_HOURLY_DEV_NAIVE2.mase);
  const usage = Object.entries(e.modelUsage)
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  return (
    `M4 Hourly — ${e.series} series, h = ${e.horizon}, m = ${e.period}, ${Math.round(100 * e.level)}% intervals\n\n` +
    formatTable(['method', 'sMAPE', 'MASE', 'OWA', 'coverage', 'MSIS', 'ms/series'], rows) +
    `\nNaive2 in this run: sMAPE ${fixed(naive2.smape, 3)}, MASE ${fixed(naive2.mase, 3)}; ` +
    `README DEV reference: sMAPE ${M4_HOURLY_DEV_NAIVE2.smape}, MASE ${M4_HOURLY_DEV_NAIVE2.mase} ` +
    `(OWA against the reference: ${fixed(devOwa, 3)})\n` +
    `models in the combinations (series count): ${usage}\n`
  );
}
