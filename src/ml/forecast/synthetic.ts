import { gaussian, mulberry32 } from 'ml/stats';

/**
 * Constructed series with known structure, for tests and examples: level + slope·t + seasonal shape + noise,
 * with an optional multiplicative season and an optional level shift.
 */
export interface SyntheticSeriesSpec {
  length: number;
  level?: number;
  slope?: number;
  /** Seasonal period in samples (0 = none) and amplitude of its sine shape. */
  period?: number;
  amplitude?: number;
  /** Multiply (1 + amplitude·shape) instead of adding amplitude·shape. */
  multiplicative?: boolean;
  /** Standard deviation of Gaussian white noise. */
  noise?: number;
  /** Add `shift` to every sample from index `shiftAt` on. */
  shiftAt?: number;
  shift?: number;
  seed?: number;
}

export function syntheticSeries(spec: SyntheticSeriesSpec): Float64Array {
  const rng = mulberry32(spec.seed ?? 1);
  const { length, level = 100, slope = 0, period = 0, amplitude = 0, noise = 0 } = spec;
  const y = new Float64Array(length);
  for (let t = 0; t < length; t++) {
    const shape = period > 0 ? Math.sin((2 * Math.PI * t) / period) + 0.5 * Math.cos((4 * Math.PI * t) / period) : 0;
    let v = level + slope * t;
    v = spec.multiplicative ? v * (1 + amplitude * shape) : v + amplitude * shape;
    if (spec.shiftAt !== undefined && t >= spec.shiftAt) {
      v += spec.shift ?? 0;
    }
    y[t] = v + noise * gaussian(rng);
  }
  return y;
}

/** The noiseless continuation of a spec, steps `from` to `from + h − 1`. */
export function syntheticTruth(spec: SyntheticSeriesSpec, from: number, h: number): Float64Array {
  const full = syntheticSeries({ ...spec, length: from + h, noise: 0 });
  return full.slice(from);
}
