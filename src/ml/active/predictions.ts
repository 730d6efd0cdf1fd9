// Class predictions from row-major `rows × classes` probabilities.

/** Index of the largest probability in each row (first one on ties). */
export function argmaxRows(probabilities: Float64Array, rows: number, classes: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (probabilities[i * classes + c] > probabilities[i * classes + best]) {
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}
