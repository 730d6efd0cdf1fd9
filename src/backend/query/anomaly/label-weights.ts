/**
 * The detector weights of a data source, from the anomalies its reviewers have agreed on (the incident store):
 * each detector an anomaly was credited to (`detector`, one name or a comma-separated list, strongest first, as the
 * annotations name them) scores a confirmation or a false alarm, and ml/ensemble/label-weights.ts turns the counts
 * into weights by validated precision.
 *
 * Every anomaly query asks for them while labels change at human speed, so the answer is cached per data source
 * for a minute. Labels are an improvement, never a dependency: if the store cannot be read the query goes on with
 * the default weights (and the failure is logged).
 */
import { log } from 'backend/grafana/logger';
import type { PluginContext } from 'backend/grafana/plugin-context';
import type { Store } from 'backend/store';
import { type VerdictCounts, weightsFromVerdicts } from 'ml/ensemble/label-weights';
import { DETECTOR_NAMES, type DetectorName, resolveOptions } from 'ml/ensemble/options';

export interface LabelWeights {
  /** Weights of the detectors that have verdicts; the others keep their defaults. */
  weights: Partial<Record<DetectorName, number>>;
  /** Each weight relative to the detector's default, for the notice that explains it. */
  multipliers: Partial<Record<DetectorName, number>>;
  /** Anomalies with an agreed verdict the weights rest on. */
  labeled: number;
}

export type DetectorWeightsProvider = (ctx: PluginContext) => Promise<LabelWeights | undefined>;

const PAGE_SIZE = 500;
/** Newest agreed anomalies read at most: enough for stable precisions, bounded work per minute. */
const MAX_LABELED = 10_000;
const CACHE_TTL_MS = 60_000;
/**
 * Longest a query waits for the weights: a store that is slow to open (PostgreSQL unreachable until its connect
 * timeout) must not hold up dashboards. The read goes on, and later queries get its answer from the cache.
 */
const MAX_WAIT_MS = 500;
const DEFAULT_WEIGHTS = resolveOptions({}).weights;

export function storeDetectorWeights(
  storeFor: (ctx: PluginContext) => Promise<Store>,
  {
    ttlMs = CACHE_TTL_MS,
    now = Date.now,
    maxWaitMs = MAX_WAIT_MS,
  }: { ttlMs?: number; now?: () => number; maxWaitMs?: number } = {}
): DetectorWeightsProvider {
  const cache = new Map<string, { at: number; weights: Promise<LabelWeights | undefined> }>();
  return (ctx) => {
    const settings = ctx.dataSourceInstanceSettings;
    if (!settings) {
      return Promise.resolve(undefined);
    }
    const key = `${settings.uid}@${settings.lastUpdatedMs}`;
    const at = now();
    const hit = cache.get(key);
    if (hit && at - hit.at < ttlMs) {
      return atMost(hit.weights, maxWaitMs);
    }
    for (const [old, entry] of cache) {
      if (at - entry.at >= ttlMs) {
        cache.delete(old);
      }
    }
    const weights = storeFor(ctx)
      .then(readLabelWeights)
      .catch((err: unknown) => {
        log.warn('Detector weights from labels unavailable; default weights used', {
          dataSource: settings.uid,
          error: err instanceof Error ? err.message : String(err),
        });
        return undefined;
      });
    cache.set(key, { at, weights });
    return atMost(weights, maxWaitMs);
  };
}

/** The weights if they come within `ms`, else none (the defaults) for this query. */
function atMost(weights: Promise<LabelWeights | undefined>, ms: number): Promise<LabelWeights | undefined> {
  if (!Number.isFinite(ms)) {
    return weights; // setTimeout would fire an infinite wait at once
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
    timer.unref();
  });
  return Promise.race([weights, timeout]).finally(() => clearTimeout(timer));
}

/** Counts the agreed verdicts per credited detector, newest first, and weighs the detectors by them. */
export async function readLabelWeights(store: Store): Promise<LabelWeights | undefined> {
  const counts: Partial<Record<DetectorName, VerdictCounts>> = {};
  let labeled = 0;
  for (let offset = 0; offset < MAX_LABELED; offset += PAGE_SIZE) {
    const page = await store.listAnomalies({ labelState: 'consensus', order: 'newest', limit: PAGE_SIZE, offset });
    for (const anomaly of page.items) {
      const verdict = anomaly.labeling.consensus;
      if (verdict !== 'true_anomaly' && verdict !== 'false_alarm') {
        continue;
      }
      const credited = creditedDetectors(anomaly.detector);
      labeled += credited.length > 0 ? 1 : 0;
      for (const name of credited) {
        const count = (counts[name] ??= { confirmed: 0, falseAlarms: 0 });
        if (verdict === 'true_anomaly') {
          count.confirmed++;
        } else {
          count.falseAlarms++;
        }
      }
    }
    if (offset + page.items.length >= page.total || page.items.length < PAGE_SIZE) {
      break;
    }
  }
  if (labeled === 0) {
    return undefined;
  }
  const weights = weightsFromVerdicts(counts, DEFAULT_WEIGHTS);
  const multipliers: LabelWeights['multipliers'] = {};
  for (const [name, weight] of Object.entries(weights) as Array<[DetectorName, number]>) {
    multipliers[name] = weight / DEFAULT_WEIGHTS[name];
  }
  return { weights, multipliers, labeled };
}

/** The known detector names in an anomaly's `detector` field; unknown names (another tool's) are ignored. */
export function creditedDetectors(detector: string | null): DetectorName[] {
  if (!detector) {
    return [];
  }
  const names = detector.split(/[\s,]+/);
  return DETECTOR_NAMES.filter((name) => names.includes(name));
}
