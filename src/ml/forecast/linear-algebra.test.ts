import { choleskySolveInPlace } from './linear-algebra';

describe('Cholesky solve', () => {
  it('solves a symmetric positive-definite system', () => {
    // A = Mᵀ M + I is SPD for any M.
    const m = [2, 1, 0, 1, 3, 1, 0, 1, 4];
    const a = new Float64Array(9);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = i === j ? 1 : 0;
        for (let k = 0; k < 3; k++) {
          s += m[k * 3 + i] * m[k * 3 + j];
        }
        a[i * 3 + j] = s;
      }
    }
    const x = [1, -2, 0.5];
    const b = new Float64Array(3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        b[i] += a[i * 3 + j] * x[j];
      }
    }
    expect(choleskySolveInPlace(a.slice(), b, 3)).toBe(true);
    x.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 10));
  });

  it('reports a matrix that is not positive definite', () => {
    expect(choleskySolveInPlace(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toBe(false);
  });
});
