/**
 * Anomaly episodes: the stretches of a series where the score stays at or above a severity, which become one
 * annotation each (start → end) instead of one per point. A score that dips for a point or two inside an
 * anomaly does not split it.
 */
import { DEFAULT_SEVERITY_BANDS, type Severity, type SeverityBands, severityOf } from 'contract/score';

import type { ScoredPoints } from './scored-points';

export interface AnomalyEpisode {
  /** Indexes of the first and last point at or above the severity (inclusive). */
  start: number;
  end: number;
  /** Index of the highest score. */
  peak: number;
  /** Severity of the peak. */
  severity: Severity;
  /** Detectors with the strongest evidence in the episode, strongest first. */
  detectors: string[];
}

/** Points below the severity between two that reach it: up to this many still belong to one episode. */
export const EPISODE_MERGE_GAP = 3;
/** Detectors whose evidence is within this many decades of the strongest one are named too. */
const STRONGEST_MARGIN_DECADES = 1;
const MAX_NAMED_DETECTORS = 3;

const RANK: Record<Severity, number> = { normal: 0, minor: 1, moderate: 2, critical: 3 };

export function findEpisodes(
  points: ScoredPoints,
  detectorNames: readonly string[],
  minSeverity: Exclude<Severity, 'normal'>,
  bands: SeverityBands = DEFAULT_SEVERITY_BANDS,
  mergeGap = EPISODE_MERGE_GAP
): AnomalyEpisode[] {
  const episodes: AnomalyEpisode[] = [];
  const reaches = (score: number) => !Number.isNaN(score) && RANK[severityOf(score, bands)] >= RANK[minSeverity];
  const { score } = points;
  let start = -1;
  let end = -1;
  let peak = -1;
  const close = () => {
    if (start >= 0) {
      episodes.push({
        start,
        end,
        peak,
        severity: severityOf(score[peak], bands),
        detectors: strongestDetectors(points, detectorNames, start, end),
      });
    }
    start = -1;
  };
  for (let i = 0; i < score.length; i++) {
    if (!reaches(score[i])) {
      continue;
    }
    if (start >= 0 && i - end - 1 > mergeGap) {
      close();
    }
    if (start < 0) {
      start = i;
      peak = i;
    }
    end = i;
    if (score[i] > score[peak]) {
      peak = i;
    }
  }
  close();
  return episodes;
}

/** The detectors whose strongest evidence in [start, end] comes close to the strongest of all. */
function strongestDetectors(points: ScoredPoints, names: readonly string[], start: number, end: number): string[] {
  const strongest = names.map((name, k) => {
    let surprise = 0;
    for (let i = start; i <= end; i++) {
      surprise = Math.max(surprise, points.surprise(i, k));
    }
    return { name, surprise };
  });
  const best = Math.max(0, ...strongest.map((d) => d.surprise));
  return strongest
    .filter((d) => d.surprise > 0 && d.surprise >= best - STRONGEST_MARGIN_DECADES)
    .sort((a, b) => b.surprise - a.surprise)
    .slice(0, MAX_NAMED_DETECTORS)
    .map((d) => d.name);
}
