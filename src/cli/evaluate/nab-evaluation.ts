/**
 * Runs a detector over the NAB corpus and scores it by NAB's rules for every cost profile: one global threshold
 * per profile optimised over the corpus, then the normalised score overall and per category.
 */
import type { NabDetector } from './nab-detector';
import type { NabFile } from './nab-data';
import {
  type CostProfile,
  NAB_PROFILES,
  normaliseScore,
  optimiseThreshold,
  scoreAtThreshold,
  sweepFile,
} from './nab-scorer';

export interface CategoryResult {
  score: number;
  raw: number;
  tp: number;
  fp: number;
  fn: number;
  windows: number;
}

export interface ProfileResult {
  profile: string;
  threshold: number;
  score: number;
  raw: number;
  nullScore: number;
  perfect: number;
  tp: number;
  fp: number;
  fn: number;
  categories: Record<string, CategoryResult>;
  files: Record<string, { raw: number; tp: number; fp: number; fn: number }>;
}

export interface NabEvaluation {
  detector: string;
  files: number;
  windows: number;
  profiles: ProfileResult[];
  seconds: number;
}

export interface NabRun {
  file: NabFile;
  anomalyScores: Float64Array;
}

export function runNabDetector(detector: NabDetector, files: NabFile[]): NabRun[] {
  return files.map((file) => ({ file, anomalyScores: detector.run(file.times, file.values) }));
}

export function scoreNabRuns(detector: string, runs: NabRun[], seconds: number): NabEvaluation {
  const windows = runs.reduce((s, r) => s + r.file.windows.length, 0);
  return {
    detector,
    files: runs.length,
    windows,
    seconds,
    profiles: NAB_PROFILES.map((profile) => scoreProfile(runs, profile)),
  };
}

function scoreProfile(runs: NabRun[], profile: CostProfile): ProfileResult {
  const swept = runs.map((r) => sweepFile(r.file.times, r.anomalyScores, r.file.windows, profile));
  const best = optimiseThreshold(swept, profile);
  // NAB's null detector outputs one constant score; its own optimised threshold decides its baseline.
  const nullSwept = runs.map((r) =>
    sweepFile(r.file.times, new Float64Array(r.file.times.length).fill(0.5), r.file.windows, profile)
  );
  const nullBest = optimiseThreshold(nullSwept, profile);

  const categories: Record<string, CategoryResult> = {};
  const files: ProfileResult['files'] = {};
  const nullByCategory: Record<string, number> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  runs.forEach((run, i) => {
    const s = scoreAtThreshold(swept[i], best.threshold, profile);
    const nullScore = scoreAtThreshold(nullSwept[i], nullBest.threshold, profile).score;
    files[run.file.key] = { raw: s.score, tp: s.tp, fp: s.fp, fn: s.fn };
    const c = (categories[run.file.category] ??= { score: 0, raw: 0, tp: 0, fp: 0, fn: 0, windows: 0 });
    c.raw += s.score;
    c.tp += s.tp;
    c.fp += s.fp;
    c.fn += s.fn;
    c.windows += run.file.windows.length;
    nullByCategory[run.file.category] = (nullByCategory[run.file.category] ?? 0) + nullScore;
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
  });
  for (const [name, c] of Object.entries(categories)) {
    const perfect = c.windows * profile.tpWeight;
    // A category without windows has perfect = null = 0: its normalised score is undefined; report FP cost only.
    c.score = perfect === nullByCategory[name] ? NaN : normaliseScore(c.raw, nullByCategory[name], perfect);
  }
  const perfect = runs.reduce((s, r) => s + r.file.windows.length, 0) * profile.tpWeight;
  return {
    profile: profile.name,
    threshold: best.threshold,
    score: normaliseScore(best.score, nullBest.score, perfect),
    raw: best.score,
    nullScore: nullBest.score,
    perfect,
    tp,
    fp,
    fn,
    categories,
    files,
  };
}
