/**
 * Inter-rater agreement over items labeled by two reviewers or more. Cohen's kappa is defined for two raters,
 * so each item contributes its first two answers in labeling order, as rater A and rater B: the first reviewer
 * of an item labels "blind", the second confirms or contradicts, which is the workflow the queue drives.
 *
 *   p_o = agreed / n,   p_e = Σ_k (A_k / n)(B_k / n),   κ = (p_o − p_e) / (1 − p_e)
 *
 * κ is undefined when p_e = 1 (both raters used one and the same category for every item): reported as null,
 * not as a misleading 0 or 1.
 */
import type { AgreementStats, LabelKind } from 'contract/resources';
import type { ItemAnswers } from './store';

export function agreementStats(
  kind: LabelKind,
  items: readonly ItemAnswers[],
  reviewersPerItem: number
): AgreementStats {
  const pairs = items
    .filter((item) => item.answers.length >= 2)
    .map((item) => [item.answers[0].category, item.answers[1].category] as const);
  const categories = [...new Set(pairs.flat())].sort();
  const index = new Map(categories.map((category, i) => [category, i]));
  const confusion = categories.map(() => categories.map(() => 0));
  for (const [a, b] of pairs) {
    confusion[index.get(a)!][index.get(b)!] += 1;
  }

  const n = pairs.length;
  const agreed = categories.reduce((sum, _c, i) => sum + confusion[i][i], 0);
  return {
    kind,
    reviewersPerItem,
    labeledItems: items.filter((item) => item.answers.length > 0).length,
    pairedItems: n,
    agreedItems: agreed,
    percentAgreement: n === 0 ? null : agreed / n,
    cohensKappa: cohensKappa(confusion),
    categories,
    confusion,
  };
}

/** κ of a square confusion matrix (rows: rater A, columns: rater B); null when undefined. */
export function cohensKappa(confusion: readonly number[][]): number | null {
  const k = confusion.length;
  let n = 0;
  let diagonal = 0;
  const rowTotals = new Array<number>(k).fill(0);
  const columnTotals = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const count = confusion[i][j];
      n += count;
      rowTotals[i] += count;
      columnTotals[j] += count;
      if (i === j) {
        diagonal += count;
      }
    }
  }
  if (n === 0) {
    return null;
  }
  const observed = diagonal / n;
  const expected = rowTotals.reduce((sum, row, i) => sum + (row / n) * (columnTotals[i] / n), 0);
  // Floating point: p_e can land a hair away from 1 when it is 1 in exact arithmetic.
  if (expected >= 1 - 1e-12) {
    return null;
  }
  return (observed - expected) / (1 - expected);
}
