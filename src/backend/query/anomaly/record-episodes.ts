/**
 * Detected anomalies go to the labeling queue by themselves: every anomaly query (a dashboard's or an alert rule's)
 * records the episodes it found at the annotation severity in the data source's store, where reviewers judge them
 * and their verdicts re-weight the detectors (label-weights.ts). Recording is idempotent (the id derives from the
 * expression, the series and the onset) and never delays or fails the query.
 *
 * Only onsets that are known for good are recorded: not one in the provisional last minutes (a later refresh may
 * move it), and not one at the first scored point of the range (the episode may have started before the panel).
 */
import { log } from 'backend/grafana/logger';
import type { PluginContext } from 'backend/grafana/plugin-context';
import type { AnomalyRecordInput, Store } from 'backend/store';
import { derivedAnomalyId } from 'backend/store/ids';
import type { AnnotationSeverity } from 'contract/query';

import { findEpisodes } from './episodes';
import type { ScoredSeries } from './frames';
import { LruCache } from '../lru-cache';

export type AnomalyRecorder = (ctx: PluginContext, anomalies: AnomalyRecordInput[]) => Promise<void>;

/** Episodes recorded per query at most: a query over thousands of anomalous series still costs one bounded write. */
export const MAX_RECORDED_PER_QUERY = 200;

export interface EpisodeRecordOptions {
  expr: string;
  detectorNames: readonly string[];
  severity: AnnotationSeverity;
  /** Points after this are provisional. */
  settledEndMs: number;
}

export function episodeRecords(series: ScoredSeries[], options: EpisodeRecordOptions): AnomalyRecordInput[] {
  const out: AnomalyRecordInput[] = [];
  for (const s of series) {
    const firstScored = s.points.score.findIndex((x) => !Number.isNaN(x));
    for (const episode of findEpisodes(s.points, options.detectorNames, options.severity)) {
      const startedAt = s.times[episode.start];
      if (episode.start === firstScored || startedAt > options.settledEndMs) {
        continue;
      }
      const endedAt = s.times[episode.end];
      const ongoing = episode.end === s.times.length - 1 || endedAt > options.settledEndMs;
      out.push({
        id: derivedAnomalyId(options.expr, s.labels, startedAt),
        seriesLabels: s.labels,
        expr: options.expr,
        startedAt,
        endedAt: ongoing ? null : endedAt,
        score: Math.round(s.points.score[episode.peak] * 10) / 10,
        detector: episode.detectors.join(', ') || null,
      });
      if (out.length === MAX_RECORDED_PER_QUERY) {
        return out;
      }
    }
  }
  return out;
}

/** Anomalies already recorded as they are now, so refreshes of the same dashboard do not write again. */
const RECENTLY_RECORDED = { maxEntries: 10_000, maxBytes: 10_000 * 256 };

/** A store that cannot take them is reported once per this long per data source, not on every refresh. */
const WARN_EVERY_MS = 10 * 60_000;

export function storeAnomalyRecorder(
  storeFor: (ctx: PluginContext) => Promise<Store>,
  now: () => number = Date.now
): AnomalyRecorder {
  const recorded = new LruCache<string>(RECENTLY_RECORDED);
  const warnedAt = new Map<string, number>();
  return async (ctx, anomalies) => {
    const uid = ctx.dataSourceInstanceSettings?.uid ?? '';
    const fresh = anomalies.filter((a) => recorded.get(`${uid}/${a.id}`) !== fingerprint(a));
    if (fresh.length === 0) {
      return;
    }
    try {
      const store = await storeFor(ctx);
      await store.upsertAnomalies(fresh, 'grafana');
      for (const a of fresh) {
        recorded.set(`${uid}/${a.id}`, fingerprint(a), 256);
      }
    } catch (err) {
      const last = warnedAt.get(uid);
      if (last === undefined || now() - last >= WARN_EVERY_MS) {
        warnedAt.set(uid, now());
        log.warn('Detected anomalies could not be recorded for labeling (reported every 10 minutes at most)', {
          dataSource: uid,
          anomalies: fresh.length,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
  };
}

function fingerprint(a: AnomalyRecordInput): string {
  return `${a.endedAt}|${a.score}|${a.detector}`;
}
