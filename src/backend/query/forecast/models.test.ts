import { defaultCandidates, LSTM_CANDIDATE_NAME, type TensorflowRuntime } from 'ml/forecast';
import { AUTO_FORECAST_MODELS, FORECAST_MODELS } from 'contract/query';

import { candidatePool, familyOf, wantsLstm } from './models';

/** Pool mapping never trains: the candidates' factories are not called, so the runtime is never touched. */
const lstm = { runtime: {} as TensorflowRuntime, horizon: 24, budgetMs: 50 };

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

  it('claims the LSTM for the lstm family', () => {
    expect(familyOf(LSTM_CANDIDATE_NAME)).toBe('lstm');
  });

  it('keeps the LSTM out of auto', () => {
    expect(AUTO_FORECAST_MODELS).not.toContain('lstm');
    expect(FORECAST_MODELS).toContain('lstm');
    expect(wantsLstm(AUTO_FORECAST_MODELS)).toBe(false);
  });

  it("uses the core's own pool for all core families", () => {
    expect(candidatePool(AUTO_FORECAST_MODELS)).toBeUndefined();
  });

  it('narrows the pool to the chosen families', () => {
    const pool = candidatePool(['holtWinters', 'theta'])!;
    const names = pool([24, 168], true, {}).map((c) => c.name);
    expect(names).toContain('theta');
    expect(names.filter((name) => name.startsWith('ets-')).length).toBeGreaterThan(1);
    expect(names.every((name) => familyOf(name) === 'holtWinters' || familyOf(name) === 'theta')).toBe(true);
  });

  it('makes the LSTM the whole pool when it is the only family', () => {
    const pool = candidatePool(['lstm'], lstm)!;
    expect(pool([24, 168], true, {}).map((c) => c.name)).toEqual([LSTM_CANDIDATE_NAME]);
  });

  it('adds the LSTM to the narrowed pool', () => {
    const names = candidatePool(['theta', 'lstm'], lstm)!([24], true, {}).map((c) => c.name);
    expect(names).toEqual(['theta', LSTM_CANDIDATE_NAME]);
  });

  it("adds the LSTM to the core's whole pool when every core family is picked too", () => {
    const names = candidatePool([...AUTO_FORECAST_MODELS, 'lstm'], lstm)!([24, 168], true, { trending: true }).map(
      (c) => c.name
    );
    const core = defaultCandidates([24, 168], true, { trending: true }).map((c) => c.name);
    expect(names).toEqual([...core, LSTM_CANDIDATE_NAME]);
  });

  it('refuses the lstm family without a runtime', () => {
    expect(() => candidatePool(['lstm'])).toThrow(/TensorFlow\.js runtime/);
  });
});
