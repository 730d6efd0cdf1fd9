/**
 * Gap filling before forecasting. Scrapes fail, exporters restart: a Prometheus range query has holes, and every
 * model here needs an evenly spaced finite series. Interior gaps are bridged linearly; leading and trailing gaps
 * take the nearest observed value (extrapolating a slope into a gap at the end would invent a trend).
 */
export interface FilledSeries {
  values: Float64Array;
  /** How many samples were missing (NaN or ±Infinity) and filled. */
  filled: number;
}

export function fillGaps(y: ArrayLike<number>): FilledSeries {
  const n = y.length;
  const values = new Float64Array(n);
  let filled = 0;
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      filled++;
      continue;
    }
    values[i] = v;
    if (previous === -1) {
      // Leading gap: hold the first observation backwards.
      for (let j = 0; j < i; j++) {
        values[j] = v;
      }
    } else if (i - previous > 1) {
      const step = (v - values[previous]) / (i - previous);
      for (let j = previous + 1; j < i; j++) {
        values[j] = values[previous] + step * (j - previous);
      }
    }
    previous = i;
  }
  if (previous === -1) {
    values.fill(NaN);
    return { values, filled };
  }
  for (let j = previous + 1; j < n; j++) {
    values[j] = values[previous];
  }
  return { values, filled };
}
