/**
 * The little dense linear algebra the covariance detector needs, on row-major Float64Arrays:
 * mean and covariance of selected rows, Cholesky factorisation, and Mahalanobis distances through it.
 */

/** Mean and covariance (divided by count) of the rows listed in `index[0..count)`. */
export function meanAndCovariance(
  matrix: Float64Array,
  cols: number,
  index: Int32Array,
  count: number,
  mean: Float64Array,
  cov: Float64Array
): void {
  mean.fill(0);
  cov.fill(0);
  for (let k = 0; k < count; k++) {
    const base = index[k] * cols;
    for (let i = 0; i < cols; i++) {
      mean[i] += matrix[base + i];
    }
  }
  for (let i = 0; i < cols; i++) {
    mean[i] /= count;
  }
  for (let k = 0; k < count; k++) {
    const base = index[k] * cols;
    for (let i = 0; i < cols; i++) {
      const di = matrix[base + i] - mean[i];
      for (let j = 0; j <= i; j++) {
        cov[i * cols + j] += di * (matrix[base + j] - mean[j]);
      }
    }
  }
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j <= i; j++) {
      const v = cov[i * cols + j] / count;
      cov[i * cols + j] = v;
      cov[j * cols + i] = v;
    }
  }
}

/**
 * Lower Cholesky factor of a symmetric matrix into `out`; returns false if it is not positive definite.
 */
export function cholesky(a: Float64Array, n: number, out: Float64Array): boolean {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) {
        sum -= out[i * n + k] * out[j * n + k];
      }
      if (i === j) {
        if (!(sum > 0)) {
          return false;
        }
        out[i * n + i] = Math.sqrt(sum);
      } else {
        out[i * n + j] = sum / out[j * n + j];
      }
    }
  }
  return true;
}

/**
 * Cholesky of `cov` after adding the smallest ridge (relative to the mean variance) that makes it positive
 * definite: constant or collinear features must not make the detector fail.
 */
export function regularisedCholesky(cov: Float64Array, n: number, out: Float64Array): void {
  let trace = 0;
  for (let i = 0; i < n; i++) {
    trace += cov[i * n + i];
  }
  const scale = trace > 0 && Number.isFinite(trace) ? trace / n : 1;
  const work = Float64Array.from(cov);
  for (let ridge = 0, attempt = 0; attempt < 40; attempt++) {
    if (cholesky(work, n, out)) {
      return;
    }
    const next = ridge === 0 ? 1e-10 * scale : ridge * 10;
    for (let i = 0; i < n; i++) {
      work[i * n + i] += next - ridge;
    }
    ridge = next;
  }
  // Last resort (non-finite input): an identity metric.
  out.fill(0);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = 1;
  }
}

/** log det of the matrix whose Cholesky factor is `l`. */
export function logDetFromCholesky(l: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    s += Math.log(l[i * n + i]);
  }
  return 2 * s;
}

/** Squared Mahalanobis distance of data[offset..offset+n) from `mean`, with L the Cholesky factor; `work` has n. */
export function mahalanobisSquared(
  data: Float64Array,
  offset: number,
  mean: Float64Array,
  l: Float64Array,
  n: number,
  work: Float64Array
): number {
  let d2 = 0;
  // Forward substitution L·y = x − μ; d² = |y|².
  for (let i = 0; i < n; i++) {
    let sum = data[offset + i] - mean[i];
    const row = i * n;
    for (let k = 0; k < i; k++) {
      sum -= l[row + k] * work[k];
    }
    const y = sum / l[row + i];
    work[i] = y;
    d2 += y * y;
  }
  return d2;
}
