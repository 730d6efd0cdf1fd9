/**
 * The opt-in `autoencoder` detector's runtime for one anomaly query. It trains a network per series and fit, so it
 * needs TensorFlow.js (loaded on the first query that asks, once per process: tensorflow-runtime.ts) and a
 * training budget per fit. When tfjs cannot load, the query still answers with the other detectors and says so:
 * the detector is then off for this query, in the options and in the model key alike, so no model fitted without
 * it is cached as one with it.
 */
import type { Notice } from 'backend/grafana/frame';
import { log } from 'backend/grafana/logger';
import { warmUpAutoencoder } from 'ml/detectors/autoencoder';
import type { AnomalyEnsembleOptions } from 'ml/ensemble/options';
import type { TensorflowRuntime } from 'ml/tf/tf-backend';

import type { ResolvedAnomalyOptions } from '../anomaly-options';
import { runtimeNotices } from '../tensorflow-runtime';

/** Training budget of one fit (the detector normally finishes its fixed steps well within it). */
export const AUTOENCODER_BUDGET_MS = 300;

/** Runtimes whose first fit has been paid for (warmUpAutoencoder): once per process. */
const warmed = new WeakSet<TensorflowRuntime>();

export interface AutoencoderSetup {
  /** The query's options with the detector's runtime attached, or with the detector off. */
  resolved: ResolvedAnomalyOptions;
  options: AnomalyEnsembleOptions;
  notices: Notice[];
}

export async function autoencoderSetup(
  resolved: ResolvedAnomalyOptions,
  options: AnomalyEnsembleOptions,
  load: () => Promise<TensorflowRuntime>,
  budgetMs = AUTOENCODER_BUDGET_MS
): Promise<AutoencoderSetup> {
  if (!resolved.detectors.autoencoder) {
    return { resolved, options, notices: [] };
  }
  try {
    const runtime = await load();
    if (!warmed.has(runtime)) {
      warmUpAutoencoder(runtime);
      warmed.add(runtime);
    }
    return {
      resolved,
      options: { ...options, autoencoder: { runtime, budgetMs } },
      notices: runtimeNotices(runtime, 'The autoencoder'),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.warn('TensorFlow.js could not load: the autoencoder detector is left out', { reason });
    const detectors = { ...resolved.detectors, autoencoder: false };
    return {
      resolved: { ...resolved, detectors },
      options: { ...options, detectors: { ...options.detectors, autoencoder: false } },
      notices: [
        {
          severity: 'warning',
          text: `The autoencoder detector was left out: TensorFlow.js could not load (${reason}); the other detectors scored`,
        },
      ],
    };
  }
}
