import { formatPercent, humanizeCategory, kappaStrength } from './agreementText';

describe('agreement wording', () => {
  it.each([
    [-0.1, 'worse than chance'],
    [0.1, 'slight'],
    [0.3, 'fair'],
    [0.5, 'moderate'],
    [0.7, 'substantial'],
    [0.95, 'almost perfect'],
  ])('kappa %p reads as %s', (kappa, words) => {
    expect(kappaStrength(kappa)).toBe(words);
  });

  it('formats shares as percentages with one decimal', () => {
    expect(formatPercent(2 / 3)).toBe('66.7%');
    expect(formatPercent(1)).toBe('100%');
  });

  it('humanizes taxonomy keys', () => {
    expect(humanizeCategory('external_dependency')).toBe('external dependency');
  });
});
