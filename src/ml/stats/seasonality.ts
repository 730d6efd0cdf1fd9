/**
 * Seasonal period detection from the autocorrelation function.
 *
 * A period p shows as an ACF peak at lag p that (a) is the highest value in its neighbourhood, so noise
 * wiggles on a slowly decaying ACF (trends, random walks) do not count, (b) is high in absolute terms, and
 * (c) rises clearly above the trough before it (a real cycle swings through anti-correlation half a period
 * earlier). Multiples of a detected period always peak too (48, 72, … for a daily cycle in hourly data);
 * such a lag is kept only when its ACF beats what the shorter period alone predicts at the neighbouring
 * multiples — that is how a weekly cycle (168 = 7 × 24) is told apart from the daily cycle's echo.
 * The series is winsorised first: a few huge spikes would otherwise own the variance and hide any cycle.
 */
import { autocorrelation } from './autocorrelation';
import { MAD_TO_SIGMA, nanMad, nanMedian } from './descriptive';
import { detrendByMovingAverage, seasonalStrength } from './seasonal-strength';

export interface SeasonalityOptions {
  /** Only these periods may be returned (e.g. 24 and 168 for hourly data); default: any lag. */
  candidates?: number[];
  /** Longest period considered; default half the series, so that two full cycles are seen. */
  maxPeriod?: number;
  /** Minimum ACF at the peak; default 0.3. */
  minStrength?: number;
  /** At most this many periods are returned; default 3. */
  maxPeriods?: number;
}

const DEFAULT_MIN_STRENGTH = 0.3;
const DEFAULT_MAX_PERIODS = 3;
/** A multiple of a known period must beat the neighbouring multiples' ACF by this much to be a new cycle. */
const HARMONIC_MARGIN = 0.05;
const MIN_PERIOD = 2;

interface Peak {
  lag: number;
  strength: number;
}

/** Seasonal periods of x in samples, strongest first; empty when no cycle is convincing. */
export function detectSeasonalPeriods(x: Float64Array, opts: SeasonalityOptions = {}): number[] {
  if (opts.candidates) {
    return strongestCandidates(winsorised(x), opts);
  }
  const found = periodsOf(detrended(winsorised(x)), x.length, opts);
  if (found.length > 0) {
    return found;
  }
  // A smooth series (temperature, slowly filling disks) has a high ACF at every lag, so a daily ripple on it shows
  // no prominent peak. Its first differences keep the cycle and lose the slow part.
  return periodsOf(differences(winsorised(x)), x.length, opts);
}

/** Minimum adjusted seasonal strength for a candidate period (the first) and for a second one on top of it. */
const MIN_CANDIDATE_STRENGTH = 0.3;
const MIN_SECOND_STRENGTH = 0.15;
/** Strengths within this of the best count as "as good" (then the shortest period wins). */
const NEAR_BEST = 0.05;

/**
 * Known candidates (calendar periods): the strongest by seasonal strength, then — on what it leaves — a second one
 * if it still explains enough. Strength, not ACF peaks: a candidate list needs no peak search, and strength sees
 * cycles on smooth series that an ACF peak test misses.
 */
function strongestCandidates(x: Float64Array, opts: SeasonalityOptions): number[] {
  const n = x.length;
  const maxPeriod = Math.min(Math.floor(opts.maxPeriod ?? n / 2), Math.floor(n / 2));
  const candidates = (opts.candidates ?? []).filter((p) => p >= MIN_PERIOD && p <= maxPeriod).sort((a, b) => a - b);
  const maxPeriods = Math.min(2, opts.maxPeriods ?? DEFAULT_MAX_PERIODS);
  const chosen: number[] = [];
  let residual = x;
  for (let round = 0; round < maxPeriods; round++) {
    const floor = round === 0 ? Math.max(MIN_CANDIDATE_STRENGTH, opts.minStrength ?? 0) : MIN_SECOND_STRENGTH;
    const strengths = candidates.map((p) =>
      // A divisor of a chosen period adds nothing the chosen profile cannot already hold.
      chosen.some((c) => c % p === 0) ? 0 : seasonalStrength(residual, p)
    );
    const top = Math.max(0, ...strengths);
    // The shortest period that explains nearly as much as the best: a weekly profile also holds the daily cycle,
    // but with a seventh of the samples per phase; it is chosen only when it explains clearly more.
    const best = top > floor ? (candidates.find((_, i) => strengths[i] >= top - NEAR_BEST) ?? -1) : -1;
    if (best < 0) {
      break;
    }
    chosen.push(best);
    residual = withoutProfile(residual, best);
  }
  return chosen;
}

/** x minus its per-phase mean profile of period p (on the moving-average-detrended series). */
function withoutProfile(x: Float64Array, period: number): Float64Array {
  const detrended = detrendByMovingAverage(x, period);
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  for (let t = 0; t < x.length; t++) {
    if (Number.isFinite(detrended[t])) {
      sums[t % period] += detrended[t];
      counts[t % period]++;
    }
  }
  return x.map((v, t) => v - (counts[t % period] > 0 ? sums[t % period] / counts[t % period] : 0));
}

function periodsOf(y: Float64Array, n: number, opts: SeasonalityOptions): number[] {
  const minStrength = opts.minStrength ?? DEFAULT_MIN_STRENGTH;
  const maxPeriods = opts.maxPeriods ?? DEFAULT_MAX_PERIODS;
  const maxPeriod = Math.min(Math.floor(opts.maxPeriod ?? n / 2), Math.floor(n / 2));
  if (maxPeriod < MIN_PERIOD || maxPeriods <= 0) {
    return [];
  }
  // Lags a little past maxPeriod are needed to confirm that a peak at maxPeriod is a local maximum.
  const acfLags = Math.min(y.length - 1, Math.ceil(maxPeriod * 1.1) + 2);
  const acf = autocorrelation(y, acfLags);
  const candidates = opts.candidates;
  const peaks: Peak[] = [];
  for (let lag = MIN_PERIOD; lag <= maxPeriod; lag++) {
    if (candidates && !candidates.some((c) => Math.abs(c - lag) <= tolerance(c))) {
      continue;
    }
    if (!isPeak(acf, lag, minStrength)) {
      continue;
    }
    const base = peaks.find((p) => isMultipleOf(lag, p.lag));
    if (base) {
      const echo = harmonicEcho(acf, lag, base.lag);
      if (acf[lag] - echo < HARMONIC_MARGIN) {
        continue;
      }
      peaks.push({ lag, strength: acf[lag] - echo });
    } else {
      peaks.push({ lag, strength: acf[lag] });
    }
  }
  const periods = peaks.map((p) => ({ ...p, lag: snapToCandidate(p.lag, candidates) }));
  periods.sort((a, b) => b.strength - a.strength);
  const unique: number[] = [];
  for (const p of periods) {
    if (!unique.includes(p.lag)) {
      unique.push(p.lag);
    }
  }
  return unique.slice(0, maxPeriods);
}

function tolerance(period: number): number {
  return Math.max(1, Math.round(period * 0.02));
}

function isPeak(acf: Float64Array, lag: number, minStrength: number): boolean {
  const value = acf[lag];
  if (!(value >= minStrength)) {
    return false;
  }
  const window = Math.max(1, Math.round(lag * 0.1));
  const hi = Math.min(acf.length - 1, lag + window);
  if (hi === lag) {
    // Cannot tell whether the ACF keeps rising past the last computed lag.
    return false;
  }
  for (let k = Math.max(1, lag - window); k <= hi; k++) {
    // Ties resolve to the shortest lag, so a flat top yields one peak.
    if (acf[k] > value || (acf[k] === value && k < lag)) {
      return false;
    }
  }
  let trough = Infinity;
  for (let k = Math.ceil(lag / 2); k < lag; k++) {
    trough = Math.min(trough, acf[k]);
  }
  return value - trough >= minStrength;
}

function isMultipleOf(lag: number, base: number): boolean {
  const k = Math.round(lag / base);
  return k >= 2 && Math.abs(lag - k * base) <= tolerance(lag);
}

/** The ACF the shorter period alone explains at `lag`: the best of the neighbouring multiples of `base`. */
function harmonicEcho(acf: Float64Array, lag: number, base: number): number {
  const k = Math.round(lag / base);
  let echo = acf[(k - 1) * base];
  if ((k + 1) * base < acf.length) {
    echo = Math.max(echo, acf[(k + 1) * base]);
  }
  return echo;
}

function snapToCandidate(lag: number, candidates: number[] | undefined): number {
  if (!candidates) {
    return lag;
  }
  let best = lag;
  let bestDist = Infinity;
  for (const c of candidates) {
    const d = Math.abs(c - lag);
    if (d <= tolerance(c) && d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

/** Removes the least-squares line (over finite values), so a trend does not swamp the ACF. */
export function detrended(x: Float64Array): Float64Array {
  const n = x.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const y = x[i];
    if (Number.isFinite(y)) {
      sx += i;
      sy += y;
      sxx += i * i;
      sxy += i * y;
      count++;
    }
  }
  const out = new Float64Array(n);
  if (count === 0) {
    out.fill(NaN);
    return out;
  }
  const denom = count * sxx - sx * sx;
  const slope = denom > 0 ? (count * sxy - sx * sy) / denom : 0;
  const intercept = (sy - slope * sx) / count;
  for (let i = 0; i < n; i++) {
    out[i] = Number.isFinite(x[i]) ? x[i] - (intercept + slope * i) : NaN;
  }
  return out;
}

function differences(x: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, x.length - 1));
  for (let i = 1; i < x.length; i++) {
    out[i - 1] = x[i] - x[i - 1];
  }
  return out;
}

/** Values beyond this many robust σ from the median are clipped before the ACF. */
const WINSOR_SIGMAS = 5;

function winsorised(x: Float64Array): Float64Array {
  const center = nanMedian(x);
  const spread = WINSOR_SIGMAS * MAD_TO_SIGMA * nanMad(x, center);
  if (!(spread > 0)) {
    return x;
  }
  const lo = center - spread;
  const hi = center + spread;
  return x.map((v) => (v < lo ? lo : v > hi ? hi : v));
}

/** Cycles that human-driven metrics follow, in seconds: hours dividing a day, the day, the week. */
const CALENDAR_CYCLES_SECONDS = [3600, 7200, 10800, 14400, 21600, 28800, 43200, 86400, 604800];

/**
 * Calendar periods in samples for a sampling step: the candidates to test when timestamps are known, so that a
 * daily cycle is found at exactly one day (a free search may land one sample off, and the phase then drifts).
 */
export function calendarPeriods(stepSeconds: number): number[] {
  if (!(stepSeconds > 0)) {
    return [];
  }
  const periods: number[] = [];
  for (const cycle of CALENDAR_CYCLES_SECONDS) {
    const samples = cycle / stepSeconds;
    const rounded = Math.round(samples);
    if (rounded >= 2 && Math.abs(samples - rounded) <= 0.01 * samples) {
      periods.push(rounded);
    }
  }
  return periods;
}
