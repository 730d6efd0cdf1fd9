/**
 * Active learning for the labeling queue: which unlabeled items a reviewer should see first so that every label
 * teaches the models as much as possible. Pure: typed arrays in, typed arrays out.
 *
 * A `LabelQueue` route fits a classifier on the labeled items, asks it for class probabilities of the unlabeled ones,
 * and calls `rankForLabeling` for the order.
 */
export { DEFAULT_RANK_OPTIONS, rankForLabeling, type RankForLabelingOptions } from './rank-for-labeling';
export { UNCERTAINTY_MEASURES, type UncertaintyMeasure, uncertaintyScores } from './uncertainty';
export { columnScaling, diverseGreedyOrder, type FeatureScaling } from './diversity';
export { RandomForestClassifier, type RandomForestOptions } from './random-forest';
export { SoftmaxRegression, type SoftmaxRegressionOptions } from './softmax-regression';
export { argmaxRows } from './predictions';
export { f1Score } from './f1';
export {
  DEFAULT_SIMULATION_OPTIONS,
  type LabeledPool,
  type LearningCurve,
  labelsToTarget,
  type ProbabilisticClassifier,
  SAMPLING_STRATEGIES,
  type SamplingStrategy,
  type SeedRun,
  type SimulationOptions,
  simulateSeed,
  stratifiedSplit,
  type StrategyRun,
  subsamplePool,
} from './simulation';
