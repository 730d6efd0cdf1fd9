/**
 * `traceo-ml evaluate active --data <root> [--seeds 5] --out <dir>`: the active-learning simulation on the DEV pools
 * (NAB windows, SMD segments, PetShop issues) with oracle labels. For each seed and pool, random sampling (the
 * baseline), uncertainty only and uncertainty + diversity start from the same seed set and the same split; the table
 * gives the labels each needs to reach 95% of the fully labeled model's F1, and the ratio to random.
 */
import { join } from 'node:path';
import {
  DEFAULT_SIMULATION_OPTIONS,
  type LabeledPool,
  type ProbabilisticClassifier,
  type SeedRun,
  type SimulationOptions,
  simulateSeed,
  subsamplePool,
} from 'ml/active/simulation';
import { RandomForestClassifier } from 'ml/active/random-forest';
import { SoftmaxRegression } from 'ml/active/softmax-regression';
import { UNCERTAINTY_MEASURES, type UncertaintyMeasure } from 'ml/active/uncertainty';
import { listFlag, numberFlag, parseArgs, stringFlag, stringFlagOr, UsageError } from '../args';
import type { CliCommand } from '../commands';
import { buildNabPool } from './active-nab-pool';
import { buildPetshopPool, loadPetshopIssues } from './active-petshop-pool';
import { type PoolSummary, renderActiveLearning, summarisePool } from './active-report';
import { buildSmdPool } from './active-smd-pool';
import { loadNabCorpus } from './nab-data';
import { resolveDataRoot, writeJson } from './report';
import { listSmdMachines, loadSmdMachine } from './smd-data';

type PoolName = 'nab' | 'smd' | 'petshop';

interface PoolSpec {
  dataset: string;
  load: (root: string) => LabeledPool;
  /** Loop settings that depend on the pool's size. */
  overrides: Partial<SimulationOptions>;
}

/**
 * NAB and SMD pools hold thousands of windows: 10 seed labels, batches of 10. PetShop has 34 issues in DEV (≈ 23 in
 * the training pool after a one-third test split), so it starts from 5 labels and labels 2 at a time.
 */
const POOLS: Record<PoolName, PoolSpec> = {
  nab: { dataset: 'nab', load: (root) => buildNabPool(loadNabCorpus(root)), overrides: {} },
  smd: {
    dataset: 'smd',
    load: (root) => buildSmdPool(listSmdMachines(root).map((m) => loadSmdMachine(root, m))),
    overrides: {},
  },
  petshop: {
    dataset: 'rca/petshop',
    load: (root) => buildPetshopPool(loadPetshopIssues(root)).pool,
    overrides: { seedSize: 5, batchSize: 2, testFraction: 1 / 3 },
  },
};

const CLASSIFIERS: Record<string, () => ProbabilisticClassifier> = {
  forest: () => new RandomForestClassifier(),
  logistic: () => new SoftmaxRegression(),
};

/**
 * Pools larger than this are subsampled per seed, to keep the whole run within a few minutes on two cores. The DEV
 * pools (≈ 5,500 NAB windows, ≈ 4,700 SMD segments) fit whole: subsampling shrinks what random sampling must cover,
 * so it understates what choosing labels saves (on NAB, 3,000 items gave ~50% of random's labels, the whole pool ~20%).
 */
const DEFAULT_MAX_ITEMS = 6000;

export const evaluateActiveCommand: CliCommand = {
  name: 'evaluate active',
  description:
    'Active learning: labels needed by random / uncertainty / uncertainty + diversity to reach 95% of the fully ' +
    'labeled F1. --data <datasets root> --out <dir> [--seeds 5] [--pools nab,smd,petshop] [--max-items 6000] ' +
    '[--diversity 0.3] [--measure margin|entropy|leastConfidence] [--classifier forest|logistic] [--batch N] ' +
    '[--seed-size N] [--candidate-factor 10]',
  async run(argv) {
    const args = parseArgs(argv);
    const seeds = Math.floor(numberFlag(args, 'seeds', 5));
    const maxItems = Math.floor(numberFlag(args, 'max-items', DEFAULT_MAX_ITEMS));
    const out = stringFlagOr(args, 'out', join('.cache', 'evaluate'));
    const names = (listFlag(args, 'pools') ?? Object.keys(POOLS)) as PoolName[];
    for (const name of names) {
      if (!(name in POOLS)) {
        throw new UsageError(`unknown pool "${name}" (known: ${Object.keys(POOLS).join(', ')})`);
      }
    }
    if (seeds < 1 || maxItems < 10) {
      throw new UsageError('--seeds must be ≥ 1 and --max-items ≥ 10');
    }
    const base = baseOptions(args);
    const dataFlag = stringFlag(args, 'data');
    const summaries: PoolSummary[] = [];
    const details: Record<string, SeedRun[]> = {};
    for (const name of names) {
      const spec = POOLS[name];
      const root = resolveDataRoot(dataFlag, spec.dataset);
      const started = performance.now();
      const pool = spec.load(root);
      const options = { ...base.defaults, ...spec.overrides, ...base.explicit };
      const runs: SeedRun[] = [];
      for (let seed = 1; seed <= seeds; seed++) {
        runs.push(simulateSeed(subsamplePool(pool, maxItems, seed), seed, undefined, options));
        process.stderr.write(`active ${name}: seed ${seed}/${seeds}\n`);
      }
      const seconds = (performance.now() - started) / 1000;
      summaries.push(summarisePool(name, pool.rows, classCounts(pool), runs, seconds));
      details[name] = runs;
    }
    const path = join(out, 'active-learning.json');
    writeJson(path, {
      protocol: {
        seeds,
        maxItems,
        targetShare: base.defaults.targetShare,
        hold: base.defaults.hold,
        options: Object.fromEntries(
          names.map((n) => [n, describe({ ...base.defaults, ...POOLS[n].overrides, ...base.explicit })])
        ),
      },
      pools: summaries,
      runs: details,
    });
    process.stdout.write(renderActiveLearning(summaries, base.defaults.hold));
    process.stdout.write(`\nresults: ${path}\n`);
    return 0;
  },
};

function baseOptions(args: ReturnType<typeof parseArgs>): {
  defaults: SimulationOptions;
  explicit: Partial<SimulationOptions>;
} {
  const explicit: Partial<SimulationOptions> = {};
  if (args.flags.has('batch')) {
    explicit.batchSize = Math.max(1, Math.floor(numberFlag(args, 'batch', 10)));
  }
  if (args.flags.has('seed-size')) {
    explicit.seedSize = Math.max(1, Math.floor(numberFlag(args, 'seed-size', 10)));
  }
  if (args.flags.has('diversity')) {
    const w = numberFlag(args, 'diversity', 0.3);
    if (w < 0 || w > 1) {
      throw new UsageError(`--diversity must be in [0, 1], got ${w}`);
    }
    explicit.diversityWeight = w;
  }
  if (args.flags.has('candidate-factor')) {
    explicit.candidateFactor = Math.max(1, numberFlag(args, 'candidate-factor', 10));
  }
  const classifier = stringFlag(args, 'classifier');
  if (classifier !== undefined) {
    const create = CLASSIFIERS[classifier];
    if (create === undefined) {
      throw new UsageError(`--classifier must be one of ${Object.keys(CLASSIFIERS).join(', ')}`);
    }
    explicit.createClassifier = create;
  }
  const measure = stringFlag(args, 'measure');
  if (measure !== undefined) {
    if (!UNCERTAINTY_MEASURES.includes(measure as UncertaintyMeasure)) {
      throw new UsageError(`--measure must be one of ${UNCERTAINTY_MEASURES.join(', ')}`);
    }
    explicit.measure = measure as UncertaintyMeasure;
  }
  return { defaults: DEFAULT_SIMULATION_OPTIONS, explicit };
}

function describe(options: SimulationOptions): Omit<SimulationOptions, 'createClassifier'> & { classifier: string } {
  const { createClassifier, ...rest } = options;
  return { ...rest, classifier: createClassifier().constructor.name };
}

function classCounts(pool: LabeledPool): number[] {
  const counts = new Array<number>(pool.classes).fill(0);
  pool.labels.forEach((c) => counts[c]++);
  return counts;
}
