import { approximateBytes } from './approximate-bytes';

describe('approximateBytes', () => {
  it('counts typed arrays exactly, each buffer once, and a word per property', () => {
    const shared = new Float64Array(1000);
    const model = { a: shared, b: shared.subarray(10), c: new Uint8Array(24), nested: { n: 1, list: [1, 2] } };
    const bytes = approximateBytes(model);
    expect(bytes).toBeGreaterThanOrEqual(8000 + 24);
    expect(bytes).toBeLessThan(8000 + 24 + 200);
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(approximateBytes(a)).toBeGreaterThan(0);
  });
});
