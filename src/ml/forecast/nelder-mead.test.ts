import { nelderMead } from './nelder-mead';

describe('Nelder–Mead', () => {
  it('finds the minimum of a shifted quadratic bowl', () => {
    const f = (x: Float64Array) => (x[0] - 3) ** 2 + 2 * (x[1] + 1) ** 2 + 5;
    const result = nelderMead(f, Float64Array.from([0, 0]), { tolerance: 1e-12, maxEvaluations: 2000 });
    expect(result.x[0]).toBeCloseTo(3, 4);
    expect(result.x[1]).toBeCloseTo(-1, 4);
    expect(result.value).toBeCloseTo(5, 8);
  });

  it('follows the Rosenbrock valley to (1, 1)', () => {
    const f = (x: Float64Array) => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;
    const result = nelderMead(f, Float64Array.from([-1.2, 1]), { tolerance: 1e-14, maxEvaluations: 5000 });
    expect(result.x[0]).toBeCloseTo(1, 3);
    expect(result.x[1]).toBeCloseTo(1, 3);
  });

  it('respects the evaluation budget', () => {
    let calls = 0;
    const f = (x: Float64Array) => {
      calls++;
      return x[0] ** 2 + x[1] ** 2 + x[2] ** 2;
    };
    const result = nelderMead(f, Float64Array.from([5, 5, 5]), { maxEvaluations: 30, tolerance: 0 });
    // A step may need up to d+1 evaluations (a shrink) after the budget check.
    expect(result.evaluations).toBeLessThanOrEqual(30 + 4);
    expect(calls).toBe(result.evaluations);
  });
});
