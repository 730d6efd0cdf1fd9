/**
 * Dense symmetric positive-definite solve by Cholesky factorisation, in place on flat row-major arrays. The
 * additive model's normal equations are small (tens of unknowns), where this beats any iterative method.
 */

/**
 * Solves A x = b for symmetric positive-definite A (p×p, row-major; overwritten by its Cholesky factor) and
 * returns x in `b`. Returns false when A is not numerically positive definite.
 */
export function choleskySolveInPlace(a: Float64Array, b: Float64Array, p: number): boolean {
  if (!choleskyFactorInPlace(a, p)) {
    return false;
  }
  // Forward substitution L z = b, then back substitution Lᵀ x = z.
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) {
      s -= a[i * p + k] * b[k];
    }
    b[i] = s / a[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < p; k++) {
      s -= a[k * p + i] * b[k];
    }
    b[i] = s / a[i * p + i];
  }
  return true;
}

/** Lower Cholesky factor of the symmetric p×p `a` (row-major), in place; false when not numerically positive definite. */
export function choleskyFactorInPlace(a: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let diag = a[j * p + j];
    for (let k = 0; k < j; k++) {
      diag -= a[j * p + k] * a[j * p + k];
    }
    if (!(diag > 0)) {
      return false;
    }
    const ljj = Math.sqrt(diag);
    a[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) {
        s -= a[i * p + k] * a[j * p + k];
      }
      a[i * p + j] = s / ljj;
    }
  }
  return true;
}
