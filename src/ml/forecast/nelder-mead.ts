/**
 * Nelder–Mead simplex minimisation on flat typed arrays. Exponential smoothing's loss surfaces are smooth and
 * low-dimensional (2–5 parameters), where a derivative-free simplex converges in a few hundred evaluations.
 */

export type Objective = (x: Float64Array) => number;

export interface NelderMeadOptions {
  /** Budget of objective evaluations. */
  maxEvaluations?: number;
  /** Stop when best and worst vertex values differ by less than this (relative to the best). */
  tolerance?: number;
  /** Initial simplex step per coordinate. */
  step?: number;
}

export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  evaluations: number;
}

export function nelderMead(f: Objective, start: Float64Array, options: NelderMeadOptions = {}): NelderMeadResult {
  const d = start.length;
  const maxEvaluations = options.maxEvaluations ?? 200 * d;
  const tolerance = options.tolerance ?? 1e-7;
  const step = options.step ?? 0.5;
  const vertices = d + 1;
  // Row i of `simplex` is vertex i; `values[i]` its objective.
  const simplex = new Float64Array(vertices * d);
  const values = new Float64Array(vertices);
  const centroid = new Float64Array(d);
  const trial = new Float64Array(d);
  const trial2 = new Float64Array(d);
  let evaluations = 0;

  for (let i = 0; i < vertices; i++) {
    const row = simplex.subarray(i * d, (i + 1) * d);
    row.set(start);
    if (i > 0) {
      row[i - 1] += step;
    }
    values[i] = f(row);
    evaluations++;
  }

  const order = new Int32Array(vertices);
  while (evaluations < maxEvaluations) {
    sortOrder(values, order);
    const best = order[0];
    const worst = order[vertices - 1];
    const secondWorst = order[vertices - 2];
    const spread = values[worst] - values[best];
    if (spread <= tolerance * (Math.abs(values[best]) + 1e-12)) {
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < vertices; i++) {
      if (i === worst) {
        continue;
      }
      for (let j = 0; j < d; j++) {
        centroid[j] += simplex[i * d + j] / d;
      }
    }
    // Reflection.
    for (let j = 0; j < d; j++) {
      trial[j] = centroid[j] + (centroid[j] - simplex[worst * d + j]);
    }
    const reflected = f(trial);
    evaluations++;
    if (reflected < values[best]) {
      // Expansion.
      for (let j = 0; j < d; j++) {
        trial2[j] = centroid[j] + 2 * (centroid[j] - simplex[worst * d + j]);
      }
      const expanded = f(trial2);
      evaluations++;
      if (expanded < reflected) {
        replace(simplex, values, worst, d, trial2, expanded);
      } else {
        replace(simplex, values, worst, d, trial, reflected);
      }
      continue;
    }
    if (reflected < values[secondWorst]) {
      replace(simplex, values, worst, d, trial, reflected);
      continue;
    }
    // Contraction: outside if the reflection improved on the worst vertex, inside otherwise.
    const outside = reflected < values[worst];
    for (let j = 0; j < d; j++) {
      const far = outside ? trial[j] : simplex[worst * d + j];
      trial2[j] = centroid[j] + 0.5 * (far - centroid[j]);
    }
    const contracted = f(trial2);
    evaluations++;
    if (contracted < (outside ? reflected : values[worst])) {
      replace(simplex, values, worst, d, trial2, contracted);
      continue;
    }
    // Shrink every vertex towards the best.
    for (let i = 0; i < vertices; i++) {
      if (i === best) {
        continue;
      }
      const row = simplex.subarray(i * d, (i + 1) * d);
      for (let j = 0; j < d; j++) {
        row[j] = simplex[best * d + j] + 0.5 * (row[j] - simplex[best * d + j]);
      }
      values[i] = f(row);
      evaluations++;
    }
  }
  sortOrder(values, order);
  const best = order[0];
  return { x: simplex.slice(best * d, (best + 1) * d), value: values[best], evaluations };
}

function replace(simplex: Float64Array, values: Float64Array, row: number, d: number, x: Float64Array, v: number) {
  simplex.set(x, row * d);
  values[row] = v;
}

/** Insertion sort of vertex indices by value: the simplex has at most a handful of vertices. */
function sortOrder(values: Float64Array, order: Int32Array): void {
  for (let i = 0; i < order.length; i++) {
    order[i] = i;
  }
  for (let i = 1; i < order.length; i++) {
    const idx = order[i];
    const v = values[idx];
    let j = i - 1;
    while (j >= 0 && values[order[j]] > v) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = idx;
  }
}
