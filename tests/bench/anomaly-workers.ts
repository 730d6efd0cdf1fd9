/**
 * Cold anomaly scoring of a dashboard's worth of series, inline on the main thread against the worker pool:
 * wall time, how busy the main thread (the plugin's gRPC server) was, and its longest stretch without a turn of its
 * event loop (inline scoring yields between series, so its gap is one series; its busy share is the whole run).
 *
 * Each series has 10k points on a one-minute grid (a 5-day training window, its refit margin and a panel of
 * 1000 points) with a daily cycle, noise and a spike, and no cached model: the first load of a dashboard. The
 * jobs go through the SeriesScoring interface exactly as the anomaly handler sends them (no Prometheus: its
 * fetches and the frames are the same on both paths). Scores are checked equal between the paths.
 *
 *   node tests/bench/anomaly-workers.mjs [--series 100] [--workers 1,2]
 */
import { loadavg, availableParallelism } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';

import { gridBetween } from 'backend/query/history/grid';
import { trainingPlan } from 'backend/query/anomaly/schedule';
import type { ScoringContext, SeriesJob, SeriesOutcome } from 'backend/query/anomaly/series-job';
import { InlineScoring, type SeriesScoring } from 'backend/query/anomaly/series-scoring';
import { AnomalyWorkerPool } from 'backend/query/anomaly/workers/pool';
import { gaussian, mulberry32 } from 'ml/stats';
import { listFlag, numberFlag, parseArgs } from '../../src/cli/args';

const STEP = 60_000;
const DAY = 1440;
const END = 1_768_483_800_000;

function context(): ScoringContext {
  const training = trainingPlan(5 * DAY * STEP, STEP);
  const panel = gridBetween(END - 999 * STEP, END, STEP);
  const historyPoints = 10_000 - panel.length;
  const history = gridBetween(panel.startMs - historyPoints * STEP, panel.startMs - STEP, STEP);
  return { panel, history, training, options: { seasonal: { periods: [DAY] } }, settledEndMs: END };
}

function jobs(ctx: ScoringContext, count: number, round: string): SeriesJob[] {
  return Array.from({ length: count }, (_, s) => {
    const rng = mulberry32(s + 1);
    const values = (length: number) =>
      Float64Array.from({ length }, (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / DAY) + 3 * gaussian(rng));
    const historyValues = values(ctx.history.length);
    const panelValues = values(ctx.panel.length);
    panelValues[ctx.panel.length - 50] += 60;
    // A key per round: every series starts cold, with no model in any cache.
    return { key: `${round}/${s}`, seriesKey: `s${s}`, panelValues, history: { values: historyValues } };
  });
}

interface Measured {
  seconds: number;
  maxGapMs: number;
  /** Share of the wall time the main thread was busy (event-loop utilisation): what other requests could not get. */
  busy: number;
  checksum: number;
}

async function measure(scoring: SeriesScoring, ctx: ScoringContext, batch: SeriesJob[]): Promise<Measured> {
  const signal = new AbortController().signal;
  const delay = monitorEventLoopDelay({ resolution: 5 });
  // A timer keeps the loop turning so that a blocked stretch shows as one long delay.
  const ticker = setInterval(() => undefined, 5);
  delay.enable();
  const utilisation = performance.eventLoopUtilization();
  const started = performance.now();
  const outcomes = await Promise.all(batch.map((job) => scoring.score(ctx, job, signal)));
  const seconds = (performance.now() - started) / 1000;
  const busy = performance.eventLoopUtilization(utilisation).utilization;
  delay.disable();
  clearInterval(ticker);
  return { seconds, maxGapMs: delay.max / 1e6, busy, checksum: checksum(outcomes) };
}

function checksum(outcomes: SeriesOutcome[]): number {
  let sum = 0;
  for (const outcome of outcomes) {
    if (!('scores' in outcome)) {
      throw new Error('a cold job with its history was not scored');
    }
    const { score, expected } = outcome.scores.points;
    for (let i = 0; i < score.length; i++) {
      sum += (Number.isNaN(score[i]) ? 0 : score[i]) + expected[i] * 1e-3;
    }
  }
  return sum;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const count = numberFlag(args, 'series', 100);
  const sizes = (listFlag(args, 'workers') ?? ['1', '2']).map(Number);
  const bundle = process.env.TRACEO_ANOMALY_WORKER_BUNDLE;
  if (!bundle) {
    throw new Error('run through tests/bench/anomaly-workers.mjs, which bundles the worker');
  }
  const workerCode = readFileSync(bundle, 'utf8');
  const ctx = context();
  console.log(
    `${count} cold series × ${ctx.history.length + ctx.panel.length} points; ${availableParallelism()} cores, ` +
      `load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`
  );
  const rows: Array<[string, Measured]> = [];
  const inline = new InlineScoring();
  await measure(inline, ctx, jobs(ctx, 2, 'warm-up inline')); // JIT, as the pool's workers get below
  rows.push(['inline (main thread)', await measure(inline, ctx, jobs(ctx, count, 'inline'))]);
  for (const size of sizes) {
    const pool = new AnomalyWorkerPool({ size, workerCode });
    await measure(pool, ctx, jobs(ctx, 2 * size, `warm-up ${size}`)); // workers started and JIT-compiled
    rows.push([
      `pool of ${size} worker${size > 1 ? 's' : ''}`,
      await measure(pool, ctx, jobs(ctx, count, `pool ${size}`)),
    ]);
    await pool.close();
  }
  const reference = rows[0][1];
  for (const [name, m] of rows) {
    console.log(
      `${name.padEnd(22)} wall ${m.seconds.toFixed(2)} s (${(reference.seconds / m.seconds).toFixed(2)}× inline), ` +
        `${((1000 * m.seconds) / count).toFixed(0)} ms/series, main thread busy ${(100 * m.busy).toFixed(0)}%, longest event-loop gap ${m.maxGapMs.toFixed(0)} ms` +
        (m.checksum === reference.checksum ? '' : '  SCORES DIFFER FROM INLINE')
    );
  }
  if (rows.some(([, m]) => m.checksum !== reference.checksum)) {
    process.exitCode = 1;
  }
}

void main();
