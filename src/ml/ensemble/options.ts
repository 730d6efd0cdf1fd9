/** Options of the anomaly ensemble, with the product defaults of DESIGN.md §3.2. */
import type { SeasonalBaselineOptions } from '../detectors/seasonal-baseline';

export type Direction = 'up' | 'down' | 'both';

export const DETECTOR_NAMES = [
  'residual',
  'shift',
  'volatility',
  'isolationForest',
  'robustCovariance',
  'autoencoder',
] as const;
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
  /** History used for learning, in seconds; default 30 days. */
  learningPeriodSeconds?: number;
  /** Upper bound on history points, whatever their timestamps; default 50 000. */
  maxHistoryPoints?: number;
  /** Detectors taking part; the residual baseline is always on. */
  detectors?: Partial<Record<Exclude<DetectorName, 'residual'>, boolean>>;
  /** Relative weight of each detector's evidence (e.g. validated precision from labels); default 1 each. */
  weights?: Partial<Record<DetectorName, number>>;
  seasonal?: SeasonalBaselineOptions;
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
  maxHistoryPoints: number;
  enabled: Record<DetectorName, boolean>;
  weights: Record<DetectorName, number>;
  seasonal: SeasonalBaselineOptions;
  seed: number;
}

export const DEFAULT_LEARNING_PERIOD_SECONDS = 30 * 24 * 3600;
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
    maxHistoryPoints: Math.max(10, Math.floor(o.maxHistoryPoints ?? 50_000)),
    enabled: {
      residual: true,
      shift: d.shift ?? true,
      volatility: d.volatility ?? false,
      isolationForest: d.isolationForest ?? true,
      robustCovariance: d.robustCovariance ?? true,
      autoencoder: d.autoencoder ?? false,
    },
    weights: {
      residual: w.residual ?? 1,
      shift: w.shift ?? 1,
      volatility: w.volatility ?? 1,
      isolationForest: w.isolationForest ?? 1,
      robustCovariance: w.robustCovariance ?? 1,
      autoencoder: w.autoencoder ?? 1,
    },
    seasonal: o.seasonal ?? {},
    seed: o.seed ?? 1,
  };
}

function clamp(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : lo;
}
