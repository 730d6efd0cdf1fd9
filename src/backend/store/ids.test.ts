import { derivedAnomalyId, incidentId, URL_SAFE_ID } from './ids';

describe('incidentId', () => {
  it('is stable, URL-safe and distinct per source', () => {
    const id = incidentId('generic', "INC-1'; DROP TABLE incidents;--/?#");
    expect(id).toBe(incidentId('generic', "INC-1'; DROP TABLE incidents;--/?#"));
    expect(id).toMatch(URL_SAFE_ID);
    expect(id).not.toBe(incidentId('pagerduty', "INC-1'; DROP TABLE incidents;--/?#"));
    expect(incidentId('generic', 'a')).not.toBe(incidentId('generic', 'b'));
  });
});

describe('derivedAnomalyId', () => {
  it('ignores label order but not label values, expression or onset', () => {
    const base = derivedAnomalyId('up', { job: 'a', instance: 'x' }, 1000);
    expect(derivedAnomalyId('up', { instance: 'x', job: 'a' }, 1000)).toBe(base);
    expect(derivedAnomalyId('up', { instance: 'y', job: 'a' }, 1000)).not.toBe(base);
    expect(derivedAnomalyId('down', { instance: 'x', job: 'a' }, 1000)).not.toBe(base);
    expect(derivedAnomalyId('up', { instance: 'x', job: 'a' }, 2000)).not.toBe(base);
    expect(base).toMatch(URL_SAFE_ID);
  });
});
