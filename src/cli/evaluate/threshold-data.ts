/**
 * Series for the time-to-threshold evaluation: every NAB file and every SMD metric (dimension) whose evaluation
 * part crosses a threshold set on its earlier part. The threshold is the 99th percentile of the reference part
 * (NAB: the first half of the file; SMD: the machine's train file), i.e. a level the metric rarely reached before,
 * like an alert threshold an SRE would set from history.
 */
import { nanQuantile } from 'ml/stats';

import { loadNabCorpus } from './nab-data';
import { listSmdMachines, loadSmdMachine } from './smd-data';
import { ThresholdSeries } from './threshold-evaluation';

export const THRESHOLD_QUANTILE = 0.99;

/** NAB's real categories; the artificial files are exact repeats whose p99 ties with their maximum. */
export const NAB_REAL_CATEGORIES = [
  'realAWSCloudwatch',
  'realAdExchange',
  'realKnownCause',
  'realTraffic',
  'realTweets',
];

export function nabThresholdSeries(root: string): ThresholdSeries[] {
  return loadNabCorpus(root, NAB_REAL_CATEGORIES).map((file) => {
    const half = Math.floor(file.values.length / 2);
    return {
      name: `nab/${file.key}`,
      values: file.values,
      evalStart: half,
      threshold: nanQuantile(file.values.subarray(0, half), THRESHOLD_QUANTILE),
    };
  });
}

/** One series per SMD machine and dimension (1-based, as the interpretation labels count). */
export function smdThresholdSeries(root: string): ThresholdSeries[] {
  const out: ThresholdSeries[] = [];
  for (const name of listSmdMachines(root)) {
    const machine = loadSmdMachine(root, name);
    const { cols, trainRows, testRows } = machine;
    for (let d = 0; d < cols; d++) {
      const values = new Float64Array(trainRows + testRows);
      for (let r = 0; r < trainRows; r++) {
        values[r] = machine.train[r * cols + d];
      }
      for (let r = 0; r < testRows; r++) {
        values[trainRows + r] = machine.test[r * cols + d];
      }
      out.push({
        name: `smd/${name}/dim-${d + 1}`,
        values,
        evalStart: trainRows,
        threshold: nanQuantile(values.subarray(0, trainRows), THRESHOLD_QUANTILE),
      });
    }
  }
  return out;
}
