/**
 * `traceo-ml evaluate threshold --data <root>`: time-to-threshold accuracy of the failure forecast against
 * Prometheus' predict_linear (computed in the same run) on NAB and SMD series that cross a threshold set on
 * their own history: events caught, lead time, error of the predicted time, false alarms.
 */
import { join } from 'node:path';

import { listFlag, numberFlag, parseArgs, stringFlag, stringFlagOr, UsageError } from '../args';
import type { CliCommand } from '../commands';
import { nabThresholdSeries, smdThresholdSeries, THRESHOLD_QUANTILE } from './threshold-data';
import {
  DEFAULT_THRESHOLD_PROTOCOL,
  evaluateThresholdCrossings,
  ThresholdEvaluation,
  ThresholdSeries,
} from './threshold-evaluation';
import { FailureForecastCache, failureForecastPredictor, predictLinear } from './threshold-predictors';
import { fixed, formatTable, resolveDataRoot, writeJson } from './report';

const SOURCES: Record<string, (root: string) => ThresholdSeries[]> = {
  nab: nabThresholdSeries,
  smd: smdThresholdSeries,
};

export const evaluateThresholdCommand: CliCommand = {
  name: 'evaluate threshold',
  description:
    'Time to threshold: failure forecast vs predict_linear on NAB/SMD series crossing their p99. ' +
    '--data <datasets root> [--out <dir>] [--sources nab,smd] [--window 288] [--horizon 24]',
  async run(argv) {
    const args = parseArgs(argv);
    const sources = listFlag(args, 'sources') ?? Object.keys(SOURCES);
    const protocol = {
      ...DEFAULT_THRESHOLD_PROTOCOL,
      window: numberFlag(args, 'window', DEFAULT_THRESHOLD_PROTOCOL.window),
      horizon: numberFlag(args, 'horizon', DEFAULT_THRESHOLD_PROTOCOL.horizon),
    };
    const out = stringFlagOr(args, 'out', join('.cache', 'evaluate'));
    // predict_linear with a day and a quarter day of history (what SREs write: [1d], [6h] at 5-minute samples);
    // the failure forecast with up to four windows, enough for two daily cycles of seasonality.
    // A second alarm cut-off shows the catch / false-alarm trade-off (the two read the same forecasts).
    const forecasts = new FailureForecastCache();
    const predictors = [
      failureForecastPredictor(4 * protocol.window, 0.5, forecasts),
      failureForecastPredictor(4 * protocol.window, 0.2, forecasts),
      predictLinear(protocol.window),
      predictLinear(Math.max(2, Math.round(protocol.window / 4))),
    ];
    const results: Record<string, ThresholdEvaluation> = {};
    for (const source of sources) {
      const load = SOURCES[source];
      if (!load) {
        throw new UsageError(`unknown source "${source}"; expected one of ${Object.keys(SOURCES).join(', ')}`);
      }
      const root = resolveDataRoot(stringFlag(args, 'data'), source);
      results[source] = evaluateThresholdCrossings(load(root), predictors, protocol);
      process.stdout.write(renderThreshold(source, results[source]));
    }
    writeJson(join(out, 'threshold-scores.json'), results);
    process.stdout.write(
      `\nBoth failure-forecast rows read the same forecasts (their cost is in the first row's seconds).\n` +
        `scores: ${join(out, 'threshold-scores.json')}\n`
    );
    return 0;
  },
};

export function renderThreshold(source: string, e: ThresholdEvaluation): string {
  const rows = e.methods.map((m) => [
    m.method,
    `${m.detected}/${e.events}`,
    fixed(m.meanLeadSteps, 1),
    fixed(m.meanAbsErrorSteps, 1),
    `${fixed(100 * m.preEventAlarmRate, 1)}%`,
    `${fixed(100 * m.falseAlarmRate, 1)}%`,
    fixed(m.seconds, 1),
  ]);
  const p = e.protocol;
  return (
    `\n${source}: ${e.events} sustained crossings of the reference p${Math.round(100 * THRESHOLD_QUANTILE)} ` +
    `(across for ≥ ${p.sustainedSamples} samples) in ${e.series} series; ${e.spikes} shorter spikes not scored. ` +
    `Horizon ${p.horizon} samples, ${e.preEventOrigins} origins before a crossing, ${e.quietOrigins} quiet origins.\n\n` +
    formatTable(['method', 'caught', 'lead (steps)', '|time error|', 'alarms before', 'false alarms', 'seconds'], rows)
  );
}
