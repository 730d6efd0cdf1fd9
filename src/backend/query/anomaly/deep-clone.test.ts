import { AnomalyEnsemble } from 'ml/ensemble/anomaly-ensemble';
import { gaussian, mulberry32 } from 'ml/stats';

import { deepClone } from './deep-clone';

class Scratch {
  readonly buffer = new Float64Array(4);
  readonly alias = this.buffer;
  readonly view = new Float64Array(this.buffer.buffer, 8, 2);
  readonly lookup = new Map([['a', { n: 1 }]]);
  constructor(readonly reference: (x: number) => number) {}
  bump(): number {
    this.buffer[1] += 1;
    return this.view[0];
  }
}

describe('deepClone', () => {
  it('keeps prototypes, aliases and views, copies state and shares functions', () => {
    const original = new Scratch(Math.sqrt);
    const copy = deepClone(original);
    expect(copy).toBeInstanceOf(Scratch);
    expect(copy.alias).toBe(copy.buffer);
    expect(copy.bump()).toBe(1);
    expect(copy.view[0]).toBe(copy.buffer[1]);
    expect(original.buffer[1]).toBe(0);
    expect(copy.lookup.get('a')).toEqual({ n: 1 });
    expect(copy.lookup.get('a')).not.toBe(original.lookup.get('a'));
    expect(copy.reference).toBe(Math.sqrt);
  });

  it('copies a fitted ensemble that scores like the original and leaves it untouched', () => {
    const rng = mulberry32(7);
    const values = Float64Array.from({ length: 400 }, (_, i) => 10 * Math.sin(i / 8) + gaussian(rng));
    const original = new AnomalyEnsemble().fit(values.subarray(0, 300));
    const twin = new AnomalyEnsemble().fit(values.subarray(0, 300));
    const copy = deepClone(original);
    const fromCopy = copy.score(values.subarray(300)).score;
    expect(Array.from(fromCopy)).toEqual(Array.from(twin.score(values.subarray(300)).score));
    expect(Array.from(original.score(values.subarray(300)).score)).toEqual(Array.from(fromCopy));
  });
});
