import { answeredBy, LabeledItem } from './progress';

/**
 * Where the reviewer goes after answering: the next item in queue order they have not answered, wrapping
 * around; the current one when nothing is left (so the page still shows what was just labeled).
 */
export function nextUnanswered(
  incidents: LabeledItem[],
  fromId: string | undefined,
  login: string | undefined
): string | undefined {
  // Without a current item (-1) the search starts at the head of the queue.
  const start = incidents.findIndex((incident) => incident.id === fromId);
  for (let step = 1; step <= incidents.length; step++) {
    const candidate = incidents[(start + step + incidents.length) % incidents.length];
    if (!answeredBy(candidate, login) && candidate.id !== fromId) {
      return candidate.id;
    }
  }
  return fromId ?? incidents[0]?.id;
}

/** The neighbour in queue order (j / k), clamped at the ends. */
export function neighbour(incidents: LabeledItem[], fromId: string | undefined, direction: 1 | -1): string | undefined {
  const index = incidents.findIndex((incident) => incident.id === fromId);
  const target = Math.min(incidents.length - 1, Math.max(0, index + direction));
  return incidents[target]?.id;
}
