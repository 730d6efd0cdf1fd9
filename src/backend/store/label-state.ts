/**
 * Where an item stands from its reviewers' answers. Consensus needs `reviewersPerItem` votes for one category
 * and strictly more than any other category: so two reviewers must agree, and when they do not, a third
 * reviewer's vote settles the disagreement instead of leaving it open forever. Skips count for nothing.
 */
import type { LabelState } from 'contract/labels';

export interface LabelStateSummary {
  state: LabelState;
  consensus: string | null;
}

/** `categories`: the non-skip answers of one item, one per reviewer. */
export function labelState(categories: readonly string[], reviewersPerItem: number): LabelStateSummary {
  if (categories.length === 0) {
    return { state: 'unlabeled', consensus: null };
  }
  const votes = new Map<string, number>();
  for (const category of categories) {
    votes.set(category, (votes.get(category) ?? 0) + 1);
  }
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  const [top, topVotes] = ranked[0];
  const runnerUp = ranked[1]?.[1] ?? 0;
  if (topVotes >= reviewersPerItem && topVotes > runnerUp) {
    return { state: 'consensus', consensus: top };
  }
  return { state: votes.size > 1 ? 'disagreement' : 'partial', consensus: null };
}
