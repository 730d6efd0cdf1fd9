/**
 * The labeling queue in active-learning order (`GET incidents?order=learning`): the incidents whose label teaches
 * the root-cause models most come first. A random forest fitted on the consensus labels scores how unsure it is
 * about every open incident (no consensus yet); `rankForLabeling` turns that into an order that also keeps
 * near-duplicates apart. With fewer than two root causes agreed there is nothing to learn a boundary from: every
 * item is equally uncertain and the order is diversity only. Ties go to the newest incident, as in the plain queue.
 *
 * Bounded cost: at most MAX_QUEUE_CANDIDATES incidents (the newest matching ones) are ranked and at most as many
 * consensus incidents train the model; incidents beyond that window follow, newest first, so paging stays stable.
 * The trained model is kept per store (one per data source) under the store's labelSetVersion, so paging through
 * the queue or reloading it fits the forest once; the next label changes the version and the next request refits.
 */
import type { IncidentQuery, Store } from 'backend/store/store';
import type { Incident, Page } from 'contract/resources';
import { DEFAULT_RANK_OPTIONS, RandomForestClassifier, rankForLabeling, uncertaintyScores } from 'ml/active';

/** Incidents ranked per request; also the most consensus incidents the model trains on. */
export const MAX_QUEUE_CANDIDATES = 5000;

/** Filters of the list (everything but order and paging). */
export type QueueFilters = Omit<IncidentQuery, 'order' | 'limit' | 'offset'>;

/**
 * Items that get the uncertainty + diversity treatment: the default diversity stage of rankForLabeling (10 × a
 * batch of 10). Everything after them follows by uncertainty alone.
 */
const HEAD_SIZE = DEFAULT_RANK_OPTIONS.candidateFactor * DEFAULT_RANK_OPTIONS.batchSize;
const FOREST_TREES = 50;
const SEED = 1;

/** Services are hashed into a few one-hot buckets: enough to tell teams apart without a vocabulary to maintain. */
const SERVICE_BUCKETS = 8;

const FEATURE_COLUMNS = 1 + SERVICE_BUCKETS + 2 + 2 + 1 + 3;

/**
 * Severity words of the senders we ingest (generic, Alertmanager, Grafana, PagerDuty), on one ordinal scale.
 * Anything else is unknown (NaN), which the forest and the distances treat as missing rather than as "lowest".
 */
const SEVERITY_RANK: Record<string, number> = {
  critical: 4,
  fatal: 4,
  emergency: 4,
  sev1: 4,
  p1: 4,
  high: 3,
  major: 3,
  error: 3,
  sev2: 3,
  p2: 3,
  medium: 2,
  moderate: 2,
  warning: 2,
  sev3: 2,
  p3: 2,
  low: 1,
  minor: 1,
  sev4: 1,
  p4: 1,
  info: 0,
  none: 0,
  sev5: 0,
  p5: 0,
};

/** What the queue learned from the consensus labels: the forest (none below two root causes) and their features. */
export interface QueueModel {
  forest: RandomForestClassifier | undefined;
  classes: number;
  labeledFeatures: Float64Array;
}

type QueueStore = Pick<Store, 'listIncidents' | 'labelSetVersion'>;

/**
 * The latest model of each store, keyed by the labeled set's version. A store is one data source at one settings
 * version and dies with it, so memory is one model (≤ MAX_QUEUE_CANDIDATES rows, FOREST_TREES trees) per open
 * data source. The promise is cached, so concurrent requests share one fit.
 */
const models = new WeakMap<QueueStore, { version: string; model: Promise<QueueModel> }>();

/** The model for the store's current labels: the cached one, or a new fit when a label changed since. */
async function currentModel(store: QueueStore): Promise<QueueModel> {
  // The version is read before the labels: a label that lands in between makes the next request refit once,
  // whereas the other order could file a model of old labels under the new version.
  const version = await store.labelSetVersion('incident');
  const cached = models.get(store);
  if (cached?.version === version) {
    return cached.model;
  }
  const model = store
    .listIncidents({ labelState: 'consensus', order: 'newest', limit: MAX_QUEUE_CANDIDATES, offset: 0 })
    .then((trained) => trainQueueModel(trained.items));
  const entry = { version, model };
  models.set(store, entry);
  model.catch(() => {
    // A failed read (store unavailable) must not be served again.
    if (models.get(store) === entry) {
      models.delete(store);
    }
  });
  return model;
}

export class LabelQueue {
  constructor(private readonly store: QueueStore) {}

  /** One page of the matching incidents, most informative to label first. */
  async page(filters: QueueFilters, limit: number, offset: number): Promise<Page<Incident>> {
    const [window, model] = await Promise.all([
      this.store.listIncidents({ ...filters, order: 'newest', limit: MAX_QUEUE_CANDIDATES, offset: 0 }),
      currentModel(this.store),
    ]);
    const open = window.items.filter((incident) => incident.labeling.state !== 'consensus');
    const settled = window.items.filter((incident) => incident.labeling.state === 'consensus');
    const ordered = [...orderWithModel(open, model), ...settled];

    const items = ordered.slice(offset, offset + limit);
    const end = offset + limit;
    if (end > ordered.length && window.total > ordered.length) {
      // Past the ranked window the newest-first order continues where the window stopped.
      const from = Math.max(offset, ordered.length);
      const rest = await this.store.listIncidents({ ...filters, order: 'newest', limit: end - from, offset: from });
      items.push(...rest.items);
    }
    return { items, total: window.total, limit, offset };
  }
}

/**
 * `open` incidents in labeling order, best first. `labeled` incidents with a consensus root cause train the model
 * and keep the first batch away from what is already known.
 */
export function orderForLearning(open: readonly Incident[], labeled: readonly Incident[]): Incident[] {
  return orderWithModel(open, trainQueueModel(labeled));
}

/**
 * The forest over the incidents with a consensus root cause; none while fewer than two root causes have been
 * agreed on (there is no boundary to learn: every item is equally uncertain).
 */
export function trainQueueModel(labeled: readonly Incident[]): QueueModel {
  const training = labeled.filter((incident) => incident.labeling.consensus !== null).sort(newestFirst);
  const labeledFeatures = featureMatrix(training);
  const names = [...new Set(training.map((incident) => incident.labeling.consensus ?? ''))].sort();
  if (names.length < 2) {
    return { forest: undefined, classes: 2, labeledFeatures };
  }
  const classOf = new Map(names.map((name, index) => [name, index]));
  const y = Int32Array.from(training, (incident) => classOf.get(incident.labeling.consensus ?? '') ?? 0);
  const forest = new RandomForestClassifier({ trees: FOREST_TREES, seed: SEED });
  forest.fit(labeledFeatures, training.length, FEATURE_COLUMNS, y, names.length);
  return { forest, classes: names.length, labeledFeatures };
}

function orderWithModel(open: readonly Incident[], model: QueueModel): Incident[] {
  const items = [...open].sort(newestFirst);
  const rows = items.length;
  if (rows === 0) {
    return [];
  }
  const cols = FEATURE_COLUMNS;
  const features = featureMatrix(items);
  const { labeledFeatures, classes } = model;
  // Uniform over two classes without a forest: every item equally uncertain, the order is diversity only.
  const probabilities = model.forest?.predictProbabilities(features, rows) ?? new Float64Array(rows * 2).fill(0.5);
  const uncertainty = uncertaintyScores(probabilities, rows, classes, DEFAULT_RANK_OPTIONS.measure);

  // Rows are newest first, so a stable sort by uncertainty breaks ties by recency.
  const byUncertainty = Array.from({ length: rows }, (_, i) => i).sort((a, b) => uncertainty[b] - uncertainty[a]);
  const head = byUncertainty.slice(0, Math.min(rows, HEAD_SIZE));
  const headOrder = rankForLabeling(
    gatherRows(features, cols, head),
    head.length,
    cols,
    gatherRows(probabilities, classes, head),
    classes,
    // The whole head is one diversity stage: the candidates were chosen above, newest first among equals.
    { batchSize: head.length, candidateFactor: 1, labeledFeatures, seed: SEED }
  );
  const order = [...Array.from(headOrder, (position) => head[position]), ...byUncertainty.slice(head.length)];
  return order.map((row) => items[row]);
}

/**
 * Row-major features of each incident, from what every sender can give. Missing values are NaN: the forest and
 * `rankForLabeling` (which standardises every column before measuring distances) treat them as unknown. Counts and
 * sizes are log-scaled so that one huge outage does not make every other incident look alike.
 */
export function featureMatrix(incidents: readonly Incident[]): Float64Array {
  const out = new Float64Array(incidents.length * FEATURE_COLUMNS);
  incidents.forEach((incident, row) => out.set(incidentFeatures(incident), row * FEATURE_COLUMNS));
  return out;
}

function incidentFeatures(incident: Incident): number[] {
  const severity = SEVERITY_RANK[incident.severity?.trim().toLowerCase() ?? ''] ?? NaN;
  const service = new Array<number>(SERVICE_BUCKETS).fill(0);
  if (incident.service) {
    service[fnv1a(incident.service.toLowerCase()) % SERVICE_BUCKETS] = 1;
  }
  // Hour of day on a circle, so 23:00 and 00:00 are neighbours (UTC: the backend knows no viewer time zone).
  const hour = ((incident.startedAt / 3_600_000) % 24) * ((2 * Math.PI) / 24);
  return [
    severity,
    ...service,
    logOrNaN(incident.durationMinutes),
    logOrNaN(incident.impactUsers),
    Math.sin(hour),
    Math.cos(hour),
    Math.log1p(Object.keys(incident.alertLabels).length),
    ...snapshotSummary(incident.metricsSnapshot),
  ];
}

/** How many numbers the sender's metrics snapshot holds, and their mean and largest signed log magnitude. */
function snapshotSummary(snapshot: Incident['metricsSnapshot']): [number, number, number] {
  const values: number[] = [];
  collectNumbers(snapshot, values);
  if (values.length === 0) {
    return [0, NaN, NaN];
  }
  const logs = values.map((v) => Math.sign(v) * Math.log1p(Math.abs(v)));
  return [Math.log1p(values.length), logs.reduce((sum, v) => sum + v, 0) / logs.length, Math.max(...logs)];
}

/** Numeric leaves of a JSON value, depth first; bounded so a giant snapshot cannot stall the queue. */
function collectNumbers(value: unknown, out: number[]): void {
  if (out.length >= 1000) {
    return;
  }
  if (typeof value === 'number') {
    if (Number.isFinite(value)) {
      out.push(value);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item) => collectNumbers(item, out));
  } else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach((item) => collectNumbers(item, out));
  }
}

function logOrNaN(value: number | null): number {
  return value === null || !Number.isFinite(value) || value < 0 ? NaN : Math.log1p(value);
}

/** 32-bit FNV-1a: a stable hash, so a service lands in the same bucket on every request. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function gatherRows(values: Float64Array, width: number, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length * width);
  rows.forEach((row, i) => out.set(values.subarray(row * width, (row + 1) * width), i * width));
  return out;
}

function newestFirst(a: Incident, b: Incident): number {
  return b.startedAt - a.startedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
