/** Failure forecasting: crossing probability within a horizon and time to threshold, from the forecast core. */
export {
  cumulativeCrossingProbabilities,
  isCrossed,
  marginalCrossingProbability,
  timeToThreshold,
  type CrossingDirection,
  type TimeToThreshold,
} from './crossing';
export {
  failureFromForecast,
  forecastFailureProbability,
  type FailureForecast,
  type FailureForecastOptions,
  type FailureQuery,
  type FailureStatus,
} from './failure-forecast';
