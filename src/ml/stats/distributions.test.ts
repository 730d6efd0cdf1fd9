import { chiSquareQuantile, normalQuantile } from './distributions';

describe('reference quantiles', () => {
  it('matches tabulated normal quantiles', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361341, 4);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(2)).toBeNaN();
  });

  it('approximates χ² quantiles within 1%', () => {
    // Tabulated: χ²₂(0.5) = 1.386, χ²₂(0.975) = 7.378, χ²₁₀(0.975) = 20.483, χ²₃₈(0.5) = 37.335.
    expect(chiSquareQuantile(2, 0.5)).toBeCloseTo(1.386, 1);
    expect(Math.abs(chiSquareQuantile(2, 0.975) / 7.378 - 1)).toBeLessThan(0.01);
    expect(Math.abs(chiSquareQuantile(10, 0.975) / 20.483 - 1)).toBeLessThan(0.01);
    expect(Math.abs(chiSquareQuantile(38, 0.5) / 37.335 - 1)).toBeLessThan(0.01);
  });
});
