import { defaultCandidates } from 'ml/forecast';

import { candidatePool, familyOf } from './models';

describe('forecast model families', () => {
  it.each([
    [[], true],
    [[24], false],
    [[24, 168], true],
  ])('claims every member of the core pool (periods %j, positive %s)', (periods, positive) => {
    for (const candidate of defaultCandidates(periods, positive)) {
      expect(familyOf(candidate.name)).toBeDefined();
    }
  });

  it("uses the core's own pool for all families", () => {
    expect(candidatePool(['seasonalNaive', 'theta', 'holtWinters', 'additive'])).toBeUndefined();
  });

  it('narrows the pool to the chosen families', () => {
    const pool = candidatePool(['holtWinters', 'theta'])!;
    const names = pool([24, 168], true, {}).map((c) => c.name);
    expect(names).toContain('theta');
    expect(names.filter((name) => name.startsWith('ets-')).length).toBeGreaterThan(1);
    expect(names.every((name) => familyOf(name) === 'holtWinters' || familyOf(name) === 'theta')).toBe(true);
  });
});
