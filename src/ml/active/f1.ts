/**
 * F1 as the active-learning simulation reports it: for two classes the F1 of class 1 (the anomaly, the thing a
 * labeler is looking for); for more, the macro average over every class that occurs in the truth or the
 * predictions (scikit-learn's `average='macro'`), so a rare root cause counts as much as a common one.
 */
export function f1Score(truth: Int32Array, predicted: Int32Array, classes: number): number {
  if (truth.length !== predicted.length) {
    throw new RangeError(`f1Score: ${truth.length} truths for ${predicted.length} predictions`);
  }
  const tp = new Float64Array(classes);
  const fp = new Float64Array(classes);
  const fn = new Float64Array(classes);
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] === predicted[i]) {
      tp[truth[i]]++;
    } else {
      fn[truth[i]]++;
      fp[predicted[i]]++;
    }
  }
  const f1 = (c: number) => (tp[c] === 0 ? 0 : (2 * tp[c]) / (2 * tp[c] + fp[c] + fn[c]));
  if (classes === 2) {
    return f1(1);
  }
  let sum = 0;
  let seen = 0;
  for (let c = 0; c < classes; c++) {
    if (tp[c] + fp[c] + fn[c] > 0) {
      sum += f1(c);
      seen++;
    }
  }
  return seen === 0 ? 0 : sum / seen;
}
