/** Shared statistics for the ML core: pure functions on typed arrays, no I/O. */
export {
  finiteValues,
  MAD_TO_SIGMA,
  mad,
  mean,
  median,
  medianInPlace,
  nanMad,
  nanMean,
  nanMedian,
  nanQuantile,
  nanVariance,
  quantile,
  std,
  variance,
} from './descriptive';
export { selectKth } from './select';
export { lowerBound, upperBound } from './sorted-search';
export { autocorrelation } from './autocorrelation';
export { calendarPeriods, detectSeasonalPeriods, detrended, type SeasonalityOptions } from './seasonality';
export { gaussian, mulberry32, randomInt, type Rng, shuffleInPlace } from './random';
export { chiSquareQuantile, erfc, normalCdf, normalQuantile } from './distributions';
export { centredMovingAverage } from './moving-average';
export { seasonalStrength } from './seasonal-strength';
