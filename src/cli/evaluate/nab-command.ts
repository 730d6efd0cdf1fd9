/**
 * `traceo-ml evaluate nab --data <root> --out <dir>`: runs the anomaly ensemble causally over every NAB file,
 * writes NAB's results layout (`<out>/<detector>/<category>/<detector>_<file>.csv`) and `<out>/nab-scores.json`,
 * and prints the normalised NAB scores per profile and per category.
 */
import { join } from 'node:path';
import type { AnomalyEnsembleOptions } from 'ml/ensemble/options';
import { booleanFlag, listFlag, parseArgs, stringFlag, stringFlagOr, UsageError } from '../args';
import type { CliCommand } from '../commands';
import { loadNabCorpus } from './nab-data';
import { ensembleNabDetector } from './nab-detector';
import { type NabEvaluation, type NabRun, runNabDetector, scoreNabRuns } from './nab-evaluation';
import { fixed, formatTable, resolveDataRoot, writeJson, writeText } from './report';
import { loadCliTensorflow } from './tensorflow';

export const evaluateNabCommand: CliCommand = {
  name: 'evaluate nab',
  description:
    'NAB score (standard / low FP / low FN) of the anomaly ensemble. --data <datasets root> --out <dir> ' +
    '[--categories a,b] [--options <ensemble options JSON>] [--detector <name>] [--no-results]',
  async run(argv) {
    const args = parseArgs(argv);
    const root = resolveDataRoot(stringFlag(args, 'data'), 'nab');
    const out = stringFlagOr(args, 'out', join('.cache', 'evaluate'));
    const detectorName = stringFlagOr(args, 'detector', 'traceo');
    const options = await withRuntime(parseOptions(stringFlag(args, 'options')));
    const files = loadNabCorpus(root, listFlag(args, 'categories'));
    if (files.length === 0) {
      throw new UsageError(`no NAB files selected under ${root}`);
    }
    const started = performance.now();
    const runs = runNabDetector(ensembleNabDetector(options, detectorName), files);
    const evaluation = scoreNabRuns(detectorName, runs, (performance.now() - started) / 1000);
    if (!booleanFlag(args, 'no-results')) {
      writeResultsLayout(out, detectorName, runs);
    }
    writeJson(join(out, 'nab-scores.json'), evaluation);
    process.stdout.write(renderNab(evaluation));
    process.stdout.write(`\nresults: ${join(out, detectorName)}/  scores: ${join(out, 'nab-scores.json')}\n`);
    return 0;
  },
};

function parseOptions(raw: string | undefined): AnomalyEnsembleOptions {
  if (raw === undefined) {
    return {};
  }
  try {
    return JSON.parse(raw) as AnomalyEnsembleOptions;
  } catch {
    throw new UsageError(`--options must be JSON, got ${raw}`);
  }
}

/**
 * JSON options cannot carry the tfjs runtime the autoencoder needs: load it when the options turn the detector on.
 * The autoencoder's own settings (`budgetMs`, `window`, …) may still come from the JSON.
 */
async function withRuntime(options: AnomalyEnsembleOptions): Promise<AnomalyEnsembleOptions> {
  if (!options.detectors?.autoencoder) {
    return options;
  }
  const runtime = await loadCliTensorflow('autoencoder');
  return { ...options, autoencoder: { ...options.autoencoder, runtime } };
}

/** NAB's results files: `timestamp,value,anomaly_score,label` with label 1 inside a labelled window. */
function writeResultsLayout(out: string, detector: string, runs: NabRun[]): void {
  for (const { file, anomalyScores } of runs) {
    const lines = ['timestamp,value,anomaly_score,label'];
    for (let i = 0; i < file.times.length; i++) {
      const t = file.times[i];
      const label = file.windows.some(([a, b]) => t >= a && t <= b) ? 1 : 0;
      lines.push(`${file.timestampText[i]},${file.values[i]},${anomalyScores[i]},${label}`);
    }
    writeText(join(out, detector, file.category, `${detector}_${file.name}`), lines.join('\n') + '\n');
  }
}

export function renderNab(e: NabEvaluation): string {
  const standard = e.profiles[0];
  const profileRows = e.profiles.map((p) => [
    p.profile,
    fixed(p.score),
    fixed(p.threshold, 4),
    String(p.tp),
    String(p.fn),
    String(p.fp),
  ]);
  const categoryRows = Object.entries(standard.categories).map(([name, c]) => [
    name,
    fixed(c.score),
    fixed(c.raw),
    `${c.tp}/${c.windows}`,
    String(c.fp),
  ]);
  return (
    `NAB — detector ${e.detector}, ${e.files} files, ${e.windows} windows, ${fixed(e.seconds, 1)} s\n\n` +
    formatTable(['profile', 'score', 'threshold', 'TP', 'FN', 'FP'], profileRows) +
    `\nstandard profile by category (global threshold ${fixed(standard.threshold, 4)}):\n` +
    formatTable(['category', 'score', 'raw', 'windows found', 'FP'], categoryRows)
  );
}
