/**
 * Words for Cohen's kappa, after Landis & Koch (1977): the usual reading, so reviewers know whether the
 * taxonomy is applied consistently enough to train on.
 */
export function kappaStrength(kappa: number): string {
  if (kappa < 0) {
    return 'worse than chance';
  }
  if (kappa <= 0.2) {
    return 'slight';
  }
  if (kappa <= 0.4) {
    return 'fair';
  }
  if (kappa <= 0.6) {
    return 'moderate';
  }
  if (kappa <= 0.8) {
    return 'substantial';
  }
  return 'almost perfect';
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** Taxonomy keys (`database_slow`) as people read them (`database slow`). */
export function humanizeCategory(category: string): string {
  return category.replace(/_/g, ' ');
}
