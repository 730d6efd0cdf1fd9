/**
 * `anomaly`: PromQL → per series the expected value, a band and a 0–100 anomaly score, plus annotations for
 * anomaly episodes (panel output), or the score alone as alert-ready series (alert output). DESIGN.md §3.
 *
 * The flow for one query:
 *   1. plan the panel's grid (anomaly/panel-range.ts) and count the series at its end, so that an expression
 *      matching thousands of series is refused before anything big is fetched;
 *   2. fetch the panel's range; series whose cached model can continue exactly are scored from the cache
 *      (anomaly/series-scorer.ts);
 *   3. the others need history: the training window before their refit anchor is fetched once (in chunks
 *      within Prometheus' point limit) and they are run cold (anomaly/causal-run.ts);
 *   4. frames.
 * Series are scored through a SeriesScoring (anomaly/series-scoring.ts): worker threads in the executable
 * (anomaly/workers/pool.ts), so many series score in parallel while the gRPC server keeps answering, or inline
 * with a turn of the event loop between series. Either way cancellation stops the series not yet started.
 * Points of the last PROVISIONAL_MS are scored but never learnt for good (anomaly/score-series.ts).
 */
import type { QueryHandler } from 'backend/grafana/data';
import { BadRequestError } from 'backend/grafana/errors';
import type { Notice } from 'backend/grafana/frame';
import type { PluginContext } from 'backend/grafana/plugin-context';
import { formatPromDuration, parsePromDuration } from 'backend/prometheus/duration';
import { interpolateMacros } from 'backend/prometheus/macros';
import type { RangePlan } from 'backend/prometheus/step';
import { jsonDataSchema } from 'backend/settings/json-data-schema';
import { AnomalyEnsemble } from 'ml/ensemble/anomaly-ensemble';
import { DEFAULT_MIN_HISTORY_POINTS } from 'ml/ensemble/options';
import type { TensorflowRuntime } from 'ml/tf/tf-backend';
import { MAX_AUTOENCODER_SERIES } from 'contract/query';

import {
  type AnomalyQueryModel,
  describeSeasonality,
  ensembleOptions,
  modelOptionsKey,
  parseAnomalyQueryModel,
} from './anomaly-options';
import { fetchGrid, type GridFetch } from './history/fetch-grid';
import { GridFetchCache, OVERLAP_MS } from './history/incremental-fetch';
import { anomalyAlertFrames, anomalyPanelFrames, type ScoredSeries } from './anomaly/frames';
import { gridBetween, gridTimes } from './history/grid';
import { AnomalyModelCache } from './anomaly/model-cache';
import { autoencoderSetup } from './anomaly/autoencoder-setup';
import type { DetectorWeightsProvider, LabelWeights } from './anomaly/label-weights';
import { type AnomalyRecorder, episodeRecords } from './anomaly/record-episodes';
import { InlineScoring, type SeriesScoring } from './anomaly/series-scoring';
import { anomalyRangePlan } from './anomaly/panel-range';
import { historyStartMs, trainingPlan, type TrainingPlan } from './anomaly/schedule';
import { PROVISIONAL_MS } from './anomaly/score-series';
import { SeriesScorer } from './anomaly/series-scorer';
import type { PrometheusClientProvider } from './client-provider';
import { noticesOf } from './prometheus-range';
import { loadTensorflowRuntime } from './tensorflow-runtime';

export interface AnomalyHandlerDependencies {
  /** Where series are scored (and their warm models kept); inline with its own model cache by default. */
  scoring?: SeriesScoring;
  /** The clock that decides which points are still provisional. */
  now?: () => number;
  /** TensorFlow.js for the opt-in autoencoder (the process-wide runtime by default). */
  loadTensorflow?: () => Promise<TensorflowRuntime>;
  /** The autoencoder's training budget per fit (AUTOENCODER_BUDGET_MS by default). */
  autoencoderBudgetMs?: number;
  /** Detector weights by validated precision from the data source's labeled anomalies; defaults without. */
  detectorWeights?: DetectorWeightsProvider;
  /** Where detected episodes go for labeling (the data source's store in the executable); nowhere without. */
  recordAnomalies?: AnomalyRecorder;
  /** The panel ranges fetched before, so a refresh asks Prometheus only for what is new (incremental-fetch.ts). */
  panelValues?: GridFetchCache;
}

export function anomalyQueryHandler(
  clientFor: PrometheusClientProvider,
  {
    scoring = new InlineScoring(),
    now = Date.now,
    loadTensorflow = loadTensorflowRuntime,
    autoencoderBudgetMs,
    detectorWeights,
    recordAnomalies,
    panelValues = new GridFetchCache(),
  }: AnomalyHandlerDependencies = {}
): QueryHandler {
  // A loaded tfjs lives in this thread and cannot be posted to a worker: queries with the autoencoder score inline.
  const autoencoderScoring = new InlineScoring();
  return async (query, req, ctx) => {
    const model = parseAnomalyQueryModel(query);
    const client = await clientFor(req.pluginContext);
    const plan = anomalyRangePlan(query, model.stepMs);
    const expr = interpolateMacros(model.expr, plan);
    const panel = gridBetween(plan.startMs, plan.endMs, plan.stepMs);
    const training = trainingPlan(model.anomaly.trainingWindowMs, plan.stepMs);
    const { options: planned, droppedPeriodsMs } = ensembleOptions(model.anomaly, plan.stepMs);
    const labelWeights = await detectorWeights?.(req.pluginContext);
    const weighted = labelWeights ? { ...planned, weights: labelWeights.weights } : planned;
    const autoencoder = await autoencoderSetup(model.anomaly, weighted, loadTensorflow, autoencoderBudgetMs);
    const { options } = autoencoder;
    const detectorNames = new AnomalyEnsemble(options).detectors;
    const settledEndMs = now() - PROVISIONAL_MS;

    // One point per series: an expression over too many series fails here, cheaply, naming the limit.
    await client.queryRange(expr, plan.endMs, plan.endMs, plan.stepMs / 1000, ctx.signal);
    const incremental = incrementalQuerying(req.pluginContext);
    const current = incremental
      ? await panelValues.fetch(
          panelValuesKey(req.pluginContext, expr, plan.stepMs),
          client,
          expr,
          panel,
          ctx.signal,
          now(),
          incremental.overlapMs
        )
      : await fetchGrid(client, expr, panel, ctx.signal);
    // A series that fails fails the query: the others stop too, rather than score for nobody.
    const failed = new AbortController();
    const scorer = new SeriesScorer({
      client,
      expr,
      scoring: options.autoencoder ? autoencoderScoring : scoring,
      context: {
        panel,
        history: gridBetween(historyStartMs(panel.startMs, training), panel.startMs - panel.stepMs, panel.stepMs),
        training,
        options,
        settledEndMs,
      },
      // Weights are part of what a model is: other weights, other scores (they move in coarse steps, see label-weights).
      keyOf: modelKeyFactory(
        req.pluginContext,
        expr,
        plan.stepMs,
        `${modelOptionsKey(autoencoder.resolved)}|${JSON.stringify(labelWeights?.weights ?? {})}`
      ),
      signal: AbortSignal.any([ctx.signal, failed.signal]),
    });
    const present = [...current.series].filter(([, series]) => series.first >= 0);
    if (options.autoencoder && present.length > MAX_AUTOENCODER_SERIES) {
      throw new BadRequestError(
        `The autoencoder detector trains per series and is limited to ${MAX_AUTOENCODER_SERIES} series per query; ` +
          `this expression returns ${present.length}: aggregate or filter it, or turn anomaly.detectors.autoencoder off`
      );
    }
    const results = await Promise.all(present.map(([seriesKey, series]) => scorer.score(seriesKey, series))).catch(
      (err: unknown) => {
        failed.abort(err);
        throw err;
      }
    );
    const times = gridTimes(panel);
    const scored: ScoredSeries[] = [];
    const progress = { learning: 0, young: 0 };
    for (const [index, [, series]] of present.entries()) {
      const { points, historyPoints } = results[index];
      // Only the series' own span: no frame full of nulls before it appears or after it vanishes.
      const span = { from: series.first, to: series.last + 1 };
      const s: ScoredSeries = {
        labels: series.labels,
        times: times.subarray(span.from, span.to),
        values: series.values.subarray(span.from, span.to),
        points: points.slice(span.from, span.to),
      };
      progress.learning += hasLearningPoints(s) ? 1 : 0;
      progress.young += historyPoints !== undefined && historyPoints < training.trainingPoints ? 1 : 0;
      scored.push(s);
    }

    const frameOptions = {
      expr,
      legendFormat: model.legendFormat,
      stepMs: plan.stepMs,
      executedQueryString: executedQueryString(expr, plan, training, model),
      notices: [
        ...noticesOf(mergedAnnotations(current, await scorer.fetchedHistory())),
        ...learningNotices(progress, scored.length, training),
        ...autoencoder.notices,
        ...labelWeightNotices(labelWeights),
        ...droppedPeriodsMs.map((ms): Notice => ({
          severity: 'warning',
          text: `Seasonality ${formatPromDuration(ms)} is shorter than two steps of ${formatPromDuration(plan.stepMs)} and was left out`,
        })),
      ],
      detectorNames,
      annotationSeverity: model.anomaly.annotationSeverity,
    };
    if (recordAnomalies) {
      const records = episodeRecords(scored, {
        expr,
        detectorNames,
        severity: model.anomaly.annotationSeverity,
        settledEndMs,
      });
      // Not awaited: the answer does not wait for the store, and the recorder reports its own failures.
      void recordAnomalies(req.pluginContext, records);
    }
    const frames =
      model.output === 'alert' ? anomalyAlertFrames(scored, frameOptions) : anomalyPanelFrames(scored, frameOptions);
    return { frames };
  };
}

/**
 * jsonData.incrementalQuerying (on unless switched off) and its overlap window; undefined when off. The settings
 * were validated when the data source instance was made, so a value that does not parse here falls back quietly.
 */
function incrementalQuerying(pluginContext: PluginContext): { overlapMs: number } | undefined {
  const jsonData = pluginContext.dataSourceInstanceSettings?.jsonData ?? {};
  const on = jsonDataSchema.shape.incrementalQuerying.safeParse(jsonData.incrementalQuerying);
  if (on.success && on.data === false) {
    return undefined;
  }
  const window = jsonDataSchema.shape.incrementalQueryOverlapWindow.safeParse(jsonData.incrementalQueryOverlapWindow);
  const overlapMs = window.success && window.data !== undefined ? parsePromDuration(window.data) : undefined;
  return { overlapMs: overlapMs ?? OVERLAP_MS };
}

/** The data source (and its settings version: another Prometheus means other values), step and expression. */
function panelValuesKey(pluginContext: PluginContext, expr: string, stepMs: number): string {
  const settings = pluginContext.dataSourceInstanceSettings;
  return JSON.stringify([settings?.uid ?? '', settings?.lastUpdatedMs ?? 0, stepMs, expr]);
}

function modelKeyFactory(pluginContext: PluginContext, expr: string, stepMs: number, optionsKey: string) {
  const settings = pluginContext.dataSourceInstanceSettings;
  const dataSourceUid = settings?.uid ?? '';
  const dataSourceVersion = settings?.lastUpdatedMs ?? 0;
  return (seriesKey: string) =>
    AnomalyModelCache.key({ dataSourceUid, dataSourceVersion, expr, stepMs, optionsKey, seriesKey });
}

/** Says which detectors the labels re-weighted, so a score that moved after labeling is explained in the panel. */
function labelWeightNotices(labelWeights: LabelWeights | undefined): Notice[] {
  if (!labelWeights || Object.keys(labelWeights.multipliers).length === 0) {
    return [];
  }
  const changes = Object.entries(labelWeights.multipliers)
    .map(([name, m]) => `${name} ×${Number(m.toFixed(2))}`)
    .join(', ');
  return [
    {
      severity: 'info',
      text: `Detector weights follow ${labelWeights.labeled} reviewed anomalies (validated precision): ${changes}`,
    },
  ];
}

/** A point with a value but no score: the model has not seen enough history yet. */
function hasLearningPoints(s: ScoredSeries): boolean {
  for (let i = 0; i < s.values.length; i++) {
    if (Number.isFinite(s.values[i]) && Number.isNaN(s.points.score[i])) {
      return true;
    }
  }
  return false;
}

function learningNotices(progress: { learning: number; young: number }, total: number, training: TrainingPlan) {
  const notices: Notice[] = [];
  if (progress.learning > 0) {
    notices.push({
      severity: 'info',
      text:
        `${progress.learning} of ${total} series are still learning (fewer than ${DEFAULT_MIN_HISTORY_POINTS} points ` +
        'of history at some points): their anomaly_score is null until then',
    });
  }
  if (progress.young > 0) {
    notices.push({
      severity: 'info',
      text:
        `${progress.young} of ${total} series have less history than the ` +
        `${formatPromDuration(training.trainingPoints * training.stepMs)} training window: their scores firm up as it grows`,
    });
  }
  return notices;
}

function mergedAnnotations(...fetches: Array<GridFetch | undefined>) {
  const warnings = new Set<string>();
  const infos = new Set<string>();
  for (const fetch of fetches) {
    fetch?.warnings.forEach((w) => warnings.add(w));
    fetch?.infos.forEach((i) => infos.add(i));
  }
  return { warnings: [...warnings], infos: [...infos] };
}

function executedQueryString(expr: string, plan: RangePlan, training: TrainingPlan, model: AnomalyQueryModel): string {
  return [
    `Expr: ${expr}`,
    `Step: ${formatPromDuration(plan.stepMs)}`,
    `Training: ${formatPromDuration(training.trainingPoints * training.stepMs)}, refit every ${formatPromDuration(training.refitEveryMs)}`,
    `Seasonality: ${describeSeasonality(model.anomaly)}`,
  ].join('\n');
}
