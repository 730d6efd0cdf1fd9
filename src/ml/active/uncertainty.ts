/**
 * How unsure a classifier is about each item, from its class probabilities (row-major, `rows × classes`).
 * Every measure is scaled to [0, 1] (1 = the model knows nothing, 0 = it is certain) so that they can be mixed with
 * a diversity term on the same scale whatever the number of classes.
 *
 * - entropy: −Σ p log p / log K. Looks at the whole distribution.
 * - margin: 1 − (p₁ − p₂), the gap between the two most probable classes. Focuses on the decision boundary that
 *   a label would actually move, which is why it is the default for multi-class queues.
 * - leastConfidence: (1 − p₁) / (1 − 1/K).
 * For two classes all three rank items identically (each is monotone in |p − ½|).
 */
export type UncertaintyMeasure = 'entropy' | 'margin' | 'leastConfidence';

export const UNCERTAINTY_MEASURES: readonly UncertaintyMeasure[] = ['entropy', 'margin', 'leastConfidence'];

/**
 * Uncertainty of every row. A row whose probabilities are not finite (the model could not score it) counts as
 * maximally uncertain: nothing is known about it, so a label is worth the most there. With one class there is
 * nothing to decide and every row scores 0.
 */
export function uncertaintyScores(
  probabilities: Float64Array,
  rows: number,
  classes: number,
  measure: UncertaintyMeasure = 'margin'
): Float64Array {
  if (probabilities.length < rows * classes) {
    throw new RangeError(`probabilities hold ${probabilities.length} values, expected ${rows} × ${classes}`);
  }
  const out = new Float64Array(rows);
  if (classes < 2) {
    return out;
  }
  const logK = Math.log(classes);
  const lcScale = 1 - 1 / classes;
  for (let r = 0; r < rows; r++) {
    const base = r * classes;
    let top1 = -Infinity;
    let top2 = -Infinity;
    let entropy = 0;
    let finite = true;
    for (let c = 0; c < classes; c++) {
      const p = probabilities[base + c];
      if (!Number.isFinite(p)) {
        finite = false;
        break;
      }
      if (p > top1) {
        top2 = top1;
        top1 = p;
      } else if (p > top2) {
        top2 = p;
      }
      if (p > 0) {
        entropy -= p * Math.log(p);
      }
    }
    let u: number;
    if (!finite) {
      u = 1;
    } else if (measure === 'entropy') {
      u = entropy / logK;
    } else if (measure === 'margin') {
      u = 1 - (top1 - top2);
    } else {
      u = (1 - top1) / lcScale;
    }
    // Probabilities that do not quite sum to one (rounding, vote fractions) must not leave the [0, 1] scale.
    out[r] = u < 0 ? 0 : u > 1 ? 1 : u;
  }
  return out;
}
