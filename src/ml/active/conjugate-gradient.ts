/**
 * Jacobi-preconditioned conjugate gradients for a symmetric positive-definite system A x = b given only the product
 * v ↦ A v. Buffers are allocated once per problem size and reused across the Newton steps of one fit.
 */
export class ConjugateGradientWork {
  private readonly residual: Float64Array;
  private readonly preconditioned: Float64Array;
  private readonly search: Float64Array;
  private readonly product: Float64Array;

  constructor(readonly size: number) {
    this.residual = new Float64Array(size);
    this.preconditioned = new Float64Array(size);
    this.search = new Float64Array(size);
    this.product = new Float64Array(size);
  }

  /**
   * Solves into `x` (starting from 0). Stops when |r| ≤ min(0.1, √|b|) · |b| (the inexact-Newton forcing term, with
   * b the gradient): a rough direction far from the optimum, an ever more accurate one as the gradient vanishes.
   */
  solve(
    multiply: (v: Float64Array, out: Float64Array) => void,
    b: Float64Array,
    diagonal: Float64Array,
    x: Float64Array,
    maxIterations = Math.max(20, 2 * this.size)
  ): void {
    const n = this.size;
    const r = this.residual;
    const zr = this.preconditioned;
    const p = this.search;
    const ap = this.product;
    x.fill(0);
    r.set(b);
    let bNorm = 0;
    for (let i = 0; i < n; i++) {
      bNorm += b[i] * b[i];
    }
    bNorm = Math.sqrt(bNorm);
    if (bNorm === 0) {
      return;
    }
    const tolerance = Math.min(0.1, Math.sqrt(bNorm)) * bNorm;
    let rz = 0;
    for (let i = 0; i < n; i++) {
      zr[i] = diagonal[i] > 0 ? r[i] / diagonal[i] : r[i];
      p[i] = zr[i];
      rz += r[i] * zr[i];
    }
    for (let iter = 0; iter < maxIterations; iter++) {
      multiply(p, ap);
      let pap = 0;
      for (let i = 0; i < n; i++) {
        pap += p[i] * ap[i];
      }
      if (!(pap > 0)) {
        return;
      }
      const alpha = rz / pap;
      let rNorm = 0;
      for (let i = 0; i < n; i++) {
        x[i] += alpha * p[i];
        r[i] -= alpha * ap[i];
        rNorm += r[i] * r[i];
      }
      if (Math.sqrt(rNorm) <= tolerance) {
        return;
      }
      let rzNext = 0;
      for (let i = 0; i < n; i++) {
        zr[i] = diagonal[i] > 0 ? r[i] / diagonal[i] : r[i];
        rzNext += r[i] * zr[i];
      }
      const beta = rzNext / rz;
      rz = rzNext;
      for (let i = 0; i < n; i++) {
        p[i] = zr[i] + beta * p[i];
      }
    }
  }
}
