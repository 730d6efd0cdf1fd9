import { LabelingSummary } from 'contract/resources';

/** What the queue needs of an item, incident or anomaly: its id and where its labeling stands. */
export interface LabeledItem {
  id: string;
  labeling: LabelingSummary;
}

export interface QueueProgressCounts {
  total: number;
  /** Items with at least one non-skip label. */
  labeled: number;
  /** Items the signed-in reviewer has answered (labeled or skipped). */
  mine: number;
  consensus: number;
  disagreement: number;
}

/** Progress counts of the loaded queue, from each item's labeling summary. */
export function queueProgress(incidents: LabeledItem[], login: string | undefined): QueueProgressCounts {
  const counts: QueueProgressCounts = { total: incidents.length, labeled: 0, mine: 0, consensus: 0, disagreement: 0 };
  for (const { labeling } of incidents) {
    if (labeling.state !== 'unlabeled') {
      counts.labeled++;
    }
    if (labeling.state === 'consensus') {
      counts.consensus++;
    }
    if (labeling.state === 'disagreement') {
      counts.disagreement++;
    }
    if (login && (labeling.reviewers.includes(login) || labeling.skippedBy.includes(login))) {
      counts.mine++;
    }
  }
  return counts;
}

/** Whether the reviewer has already answered this item (their queue moves on past it). */
export function answeredBy(incident: LabeledItem, login: string | undefined): boolean {
  return Boolean(login && (incident.labeling.reviewers.includes(login) || incident.labeling.skippedBy.includes(login)));
}
