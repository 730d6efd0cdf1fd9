/**
 * The NAB score, reproduced rule for rule from NAB's sweeper and runner (v1.1):
 * - the first min(floor(0.15·rows), 0.15·5000) rows are probationary and never scored;
 * - a row inside a window, if alarmed, is worth tpWeight · S(−(right − i + 1)/width) / S(−1), S(x) = 2σ(−5x) − 1,
 *   and only the window's best (earliest) alarm counts; a window without alarm costs −fnWeight;
 * - an alarm outside every window costs fpWeight · S(|i − prevRight| / (prevWidth − 1)), or −fpWeight before the
 *   first window;
 * - one threshold (alarm ⇔ anomaly score ≥ threshold) per profile is chosen to maximise the corpus score, sweeping
 *   every distinct anomaly score;
 * - normalised score = 100 · (raw − null) / (perfect − null), null = the constant detector's best score and
 *   perfect = number of windows · tpWeight.
 */

export interface CostProfile {
  name: string;
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

export const NAB_PROFILES: CostProfile[] = [
  { name: 'standard', tpWeight: 1, fpWeight: 0.11, fnWeight: 1 },
  { name: 'reward_low_FP_rate', tpWeight: 1, fpWeight: 0.22, fnWeight: 1 },
  { name: 'reward_low_FN_rate', tpWeight: 1, fpWeight: 0.11, fnWeight: 2 },
];

/** Window id for rows outside every window. */
export const NO_WINDOW = -1;
/** Window id for probationary rows (excluded from scoring). */
export const PROBATIONARY = -2;

export interface SweptFile {
  anomalyScores: Float64Array;
  /** Per-row sweep score under the profile (what an alarm on that row is worth). */
  sweep: Float64Array;
  /** Per-row window id: NO_WINDOW, PROBATIONARY, or an index into the file's windows. */
  window: Int32Array;
  windowCount: number;
}

export function probationaryLength(rows: number, probationPercent = 0.15): number {
  return Math.min(Math.floor(probationPercent * rows), probationPercent * 5000);
}

function scaledSigmoid(position: number): number {
  if (position >= 3) {
    return -1;
  }
  return 2 / (1 + Math.exp(5 * position)) - 1;
}

/** NAB's calcSweepScore: what an alarm on each row would be worth, and which window each row belongs to. */
export function sweepFile(
  times: Float64Array,
  anomalyScores: Float64Array,
  windows: Array<[number, number]>,
  profile: CostProfile
): SweptFile {
  const n = times.length;
  const sweep = new Float64Array(n);
  const window = new Int32Array(n);
  const probation = probationaryLength(n);
  const maxTP = scaledSigmoid(-1);
  let next = 0;
  let current = -1;
  let currentRight = -1;
  let currentWidth = 0;
  let prevRight = -1;
  let prevWidth = 0;
  for (let i = 0; i < n; i++) {
    if (next < windows.length && times[i] === windows[next][0]) {
      current = next++;
      // NAB takes the first row carrying each limit's timestamp.
      const left = times.indexOf(windows[current][0]);
      currentRight = times.indexOf(windows[current][1]);
      currentWidth = currentRight - left + 1;
    }
    if (current >= 0) {
      const position = -(currentRight - i + 1) / currentWidth;
      sweep[i] = (scaledSigmoid(position) * profile.tpWeight) / maxTP;
    } else {
      const position = prevRight < 0 ? 3 : Math.abs(prevRight - i) / (prevWidth - 1);
      sweep[i] = scaledSigmoid(position) * profile.fpWeight;
    }
    window[i] = i >= probation ? current : PROBATIONARY;
    if (current >= 0 && times[i] === windows[current][1]) {
      prevRight = i;
      prevWidth = currentWidth;
      current = -1;
    }
  }
  return { anomalyScores, sweep, window, windowCount: windows.length };
}

export interface ThresholdScore {
  threshold: number;
  score: number;
}

/**
 * NAB's calcScoreByThreshold over several files at once (the corpus-wide optimisation): the score of every
 * candidate threshold, from 1.1 (no alarm) down to the lowest anomaly score, in that order.
 */
export function scoresByThreshold(files: SweptFile[], profile: CostProfile): ThresholdScore[] {
  let total = 0;
  let rows = 0;
  const windowBase: number[] = [];
  let windowTotal = 0;
  for (const f of files) {
    windowBase.push(windowTotal);
    windowTotal += f.windowCount;
    rows += f.window.length;
  }
  // Only windows that have a scorable row take part (NAB builds its parts from the scorable rows).
  const part = new Float64Array(windowTotal).fill(NaN);
  const scores = new Float64Array(rows);
  const sweeps = new Float64Array(rows);
  const ids = new Int32Array(rows);
  let k = 0;
  files.forEach((f, fi) => {
    for (let i = 0; i < f.window.length; i++) {
      const w = f.window[i];
      if (w === PROBATIONARY) {
        continue;
      }
      scores[k] = f.anomalyScores[i];
      sweeps[k] = f.sweep[i];
      ids[k] = w === NO_WINDOW ? NO_WINDOW : windowBase[fi] + w;
      if (ids[k] >= 0 && Number.isNaN(part[ids[k]])) {
        part[ids[k]] = -profile.fnWeight;
        total -= profile.fnWeight;
      }
      k++;
    }
  });
  const order = Array.from({ length: k }, (_, i) => i);
  // Descending score; NaN (no score) last, as "never alarmed".
  order.sort((a, b) => nanLast(scores[b]) - nanLast(scores[a]) || a - b);
  const out: ThresholdScore[] = [];
  let threshold = 1.1;
  for (const i of order) {
    const s = nanLast(scores[i]);
    if (s !== threshold) {
      out.push({ threshold, score: total });
      threshold = s;
    }
    const w = ids[i];
    if (w === NO_WINDOW) {
      total += sweeps[i];
    } else if (sweeps[i] > part[w]) {
      total += sweeps[i] - part[w];
      part[w] = sweeps[i];
    }
  }
  out.push({ threshold, score: total });
  return out;
}

function nanLast(x: number): number {
  return Number.isNaN(x) ? -Infinity : x;
}

/** NAB's optimizeThreshold: the best-scoring threshold (the highest one on ties, as Python's stable sort gives). */
export function optimiseThreshold(files: SweptFile[], profile: CostProfile): ThresholdScore {
  let best: ThresholdScore = { threshold: 1.1, score: -Infinity };
  for (const row of scoresByThreshold(files, profile)) {
    if (row.score > best.score) {
      best = row;
    }
  }
  return best;
}

export interface FileScore {
  score: number;
  tp: number;
  fp: number;
  fn: number;
  windows: number;
}

/** Score of one file at a fixed threshold (NAB's scoreDataSet), with its detection counts. */
export function scoreAtThreshold(file: SweptFile, threshold: number, profile: CostProfile): FileScore {
  let fpScore = 0;
  let fp = 0;
  const best = new Float64Array(file.windowCount).fill(-Infinity);
  const scorable = new Uint8Array(file.windowCount);
  for (let i = 0; i < file.window.length; i++) {
    const w = file.window[i];
    if (w === PROBATIONARY) {
      continue;
    }
    if (w >= 0) {
      scorable[w] = 1;
    }
    if (!(file.anomalyScores[i] >= threshold)) {
      continue;
    }
    if (w === NO_WINDOW) {
      fpScore += file.sweep[i];
      fp++;
    } else {
      best[w] = Math.max(best[w], file.sweep[i]);
    }
  }
  let score = fpScore;
  let tp = 0;
  let fn = 0;
  let windows = 0;
  for (let w = 0; w < file.windowCount; w++) {
    if (!scorable[w]) {
      continue;
    }
    windows++;
    if (best[w] > -Infinity) {
      score += Math.max(best[w], -profile.fnWeight);
      tp++;
    } else {
      score -= profile.fnWeight;
      fn++;
    }
  }
  return { score, tp, fp, fn, windows };
}

/** 100 · (raw − null) / (perfect − null). */
export function normaliseScore(raw: number, nullScore: number, perfect: number): number {
  return (100 * (raw - nullScore)) / (perfect - nullScore);
}
