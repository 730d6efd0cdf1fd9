/** Options of the anomaly ensemble, with the product defaults of DESIGN.md §3.2. */
import type { AutoencoderOptions } from '../detectors/autoencoder';
import type { SeasonalBaselineOptions } from '../detectors/seasonal-baseline';
import { ANOMALY_DETECTORS } from '../../contract/query';

export type Direction = 'up' | 'down' | 'both';

/**
 * The evidence the ensemble combines, each calibrated on the series' own history:
 * - residual: the seasonal baseline's standardized residual z (how far off, in the local noise level);
 * - magnitude: the same deviation in the metric's own unit, against the whole learning period — a spike in a
 *   noisy stretch is small in local σ but may still be the largest deviation in a month;
 * - novelty: the distance from the value to every value the series took in its learning period (a new high or low,
 *   or a level it never visited; detectors/value-novelty.ts);
 * - shift: an EWMA of z (a sustained small offset); volatility: an EWMA of |z| (a burst of variance), off by default;
 * - isolationForest / robustCovariance: the shape of the recent residuals (features/), jointly;
 * - autoencoder: the reconstruction error of a small tfjs autoencoder over windows of z (an unusual shape of the
 *   recent residuals); off by default, it needs a loaded TensorFlow.js runtime (`autoencoder` option).
 * Residual and magnitude are always on; the others are the query contract's switchable detectors, in its order.
 */
export const DETECTOR_NAMES = ['residual', 'magnitude', ...ANOMALY_DETECTORS] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];

export interface AnomalyEnsembleOptions {
  /** Which deviations count: above the baseline, below it, or both (default). */
  direction?: Direction;
  /**
   * 0–1, default 0.5. Higher means a less rare point already scores high: score = 100·tanh(−log10 p / d) with
   * d = 10 − 8·sensitivity decades (6 by default: one in a thousand → 46, one in a million → 76).
   */
  sensitivity?: number;
  /** Deviations from the expected value smaller than this (in the metric's unit) never score; default 0. */
  minDeviation?: number;
  /** Points needed before the first score; default 5 (and one full season once a season is detected). */
  minHistoryPoints?: number;
  /** History used for learning, in seconds; default 30 days (but see `minLearningPoints`). */
  learningPeriodSeconds?: number;
  /**
   * The learning period never bounds a fit below this many points; default 8 640 (30 days at 5 minutes). A slowly
   * sampled series (hourly: 720 points in 30 days) would otherwise calibrate its one-in-a-thousand tails on a few
   * hundred points; on NAB (DEV), where half the files are sampled every 30–60 minutes, the floor is worth +3–4.
   */
  minLearningPoints?: number;
  /** Upper bound on history points, whatever their timestamps; default 50 000. */
  maxHistoryPoints?: number;
  /** Detectors taking part; the residual baseline is always on. */
  detectors?: Partial<Record<Exclude<DetectorName, 'residual'>, boolean>>;
  /**
   * Relative weight of each detector's evidence (e.g. validated precision from labels); default 1 for residual and
   * magnitude, DEFAULT_SECONDARY_WEIGHT for the others.
   */
  weights?: Partial<Record<DetectorName, number>>;
  seasonal?: SeasonalBaselineOptions;
  /**
   * The autoencoder's network, training and TensorFlow.js runtime; required when `detectors.autoencoder` is on
   * (the caller loads tfjs: the core does no I/O). Its seed defaults to `seed`.
   */
  autoencoder?: AutoencoderOptions;
  /** Seed for the randomised detectors, so a score is reproducible. */
  seed?: number;
}

export interface ResolvedOptions {
  direction: Direction;
  sensitivity: number;
  decades: number;
  minDeviation: number;
  minHistoryPoints: number;
  learningPeriodSeconds: number;
  minLearningPoints: number;
  maxHistoryPoints: number;
  enabled: Record<DetectorName, boolean>;
  weights: Record<DetectorName, number>;
  seasonal: SeasonalBaselineOptions;
  seed: number;
}

export const DEFAULT_LEARNING_PERIOD_SECONDS = 30 * 24 * 3600;
export const DEFAULT_MIN_LEARNING_POINTS = 8_640;

/**
 * Without labels, the residual and magnitude evidence carry full weight and the pattern detectors (shift, forest,
 * covariance, autoencoder) a quarter each: every extra detector adds its own false alarms to the combination, and
 * on NAB (DEV) full weights cost about two points (59.6) against a quarter (61.2). With labels, pass weights by
 * validated precision instead.
 */
export const DEFAULT_SECONDARY_WEIGHT = 0.25;
/**
 * The novelty detector's weight: the strongest evidence on NAB (DEV, means of seeds 1–5, standard / low FP /
 * low FN), where without it the ensemble scored 69.0 / 61.0 / 73.5; with weight 5: 74.3 / 65.2 / 79.3 (2–40 all
 * gave 73–74.6), and 75.3 / 65.3 / 80.6 once a run's novelty memory outlived its learning period. A new level is the most precise sign of an incident there; residual-only anomalies (a missed
 * seasonal peak within the usual range) pay about 0.4 decades of evidence for it (weights sum 2.75 → 7.75).
 */
export const DEFAULT_NOVELTY_WEIGHT = 5;
export const DEFAULT_MIN_HISTORY_POINTS = 5;

export function resolveOptions(o: AnomalyEnsembleOptions): ResolvedOptions {
  const sensitivity = clamp(o.sensitivity ?? 0.5, 0, 1);
  const d = o.detectors ?? {};
  const w = o.weights ?? {};
  return {
    direction: o.direction ?? 'both',
    sensitivity,
    decades: 10 - 8 * sensitivity,
    minDeviation: Math.max(0, o.minDeviation ?? 0),
    minHistoryPoints: Math.max(1, Math.floor(o.minHistoryPoints ?? DEFAULT_MIN_HISTORY_POINTS)),
    learningPeriodSeconds: o.learningPeriodSeconds ?? DEFAULT_LEARNING_PERIOD_SECONDS,
    minLearningPoints: Math.max(0, Math.floor(o.minLearningPoints ?? DEFAULT_MIN_LEARNING_POINTS)),
    maxHistoryPoints: Math.max(10, Math.floor(o.maxHistoryPoints ?? 50_000)),
    enabled: {
      residual: true,
      magnitude: d.magnitude ?? true,
      novelty: d.novelty ?? true,
      shift: d.shift ?? true,
      volatility: d.volatility ?? false,
      isolationForest: d.isolationForest ?? true,
      robustCovariance: d.robustCovariance ?? true,
      autoencoder: d.autoencoder ?? false,
    },
    weights: {
      residual: w.residual ?? 1,
      magnitude: w.magnitude ?? 1,
      novelty: w.novelty ?? DEFAULT_NOVELTY_WEIGHT,
      shift: w.shift ?? DEFAULT_SECONDARY_WEIGHT,
      volatility: w.volatility ?? DEFAULT_SECONDARY_WEIGHT,
      isolationForest: w.isolationForest ?? DEFAULT_SECONDARY_WEIGHT,
      robustCovariance: w.robustCovariance ?? DEFAULT_SECONDARY_WEIGHT,
      autoencoder: w.autoencoder ?? DEFAULT_SECONDARY_WEIGHT,
    },
    seasonal: o.seasonal ?? {},
    seed: o.seed ?? 1,
  };
}

function clamp(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : lo;
}
