/**
 * Time-to-threshold evaluation on real series that do cross a threshold (NAB, SMD). The events are sustained
 * fresh crossings: the metric was below the threshold for a whole horizon, then stays across for a while (an
 * alert rule's `for:`), which is what a full disk or an exhausted pool looks like; one-sample spikes are counted
 * and reported but not scored, since no forecast can see them coming. At origins before each event: does a method
 * alarm (crossing predicted within the horizon), how early (lead time), and how wrong is its predicted time? At
 * quiet origins (no crossing within the horizon): how often does it alarm anyway?
 */
import { ThresholdPredictor } from './threshold-predictors';

/** A series with a threshold set on its reference part, evaluated on the rest. */
export interface ThresholdSeries {
  name: string;
  /** Reference part then evaluation part, in time order. */
  values: Float64Array;
  /** First index of the evaluation part. */
  evalStart: number;
  threshold: number;
}

export interface ThresholdProtocol {
  /** History a crossing needs before it; predictors choose how much of the history they use. */
  window: number;
  /** Steps ahead a crossing is predicted for (the alert's "within"). */
  horizon: number;
  /** Spacing of the origins before a crossing. */
  stride: number;
  /** Spacing of the quiet origins used for the false-alarm rate. */
  quietStride: number;
  /** A crossing counts when the metric stays across for this many samples. */
  sustainedSamples: number;
}

export const DEFAULT_THRESHOLD_PROTOCOL: ThresholdProtocol = {
  window: 288,
  horizon: 24,
  stride: 4,
  quietStride: 288,
  sustainedSamples: 6,
};

export interface ThresholdMethodResult {
  method: string;
  /** Events with at least one alarm before them. */
  detected: number;
  /** Mean steps between the first alarm and the crossing, over detected events. */
  meanLeadSteps: number;
  /** Mean |predicted − actual| steps to the crossing, over alarms at origins before an event. */
  meanAbsErrorSteps: number;
  /** Alarms / origins before an event (per-origin recall). */
  preEventAlarmRate: number;
  /** Alarms / quiet origins. */
  falseAlarmRate: number;
  seconds: number;
}

export interface ThresholdEvaluation {
  protocol: ThresholdProtocol;
  /** Series with at least one event. */
  series: number;
  events: number;
  /** Fresh crossings that did not last (spikes), not scored. */
  spikes: number;
  preEventOrigins: number;
  quietOrigins: number;
  methods: ThresholdMethodResult[];
}

export interface ThresholdOrigin {
  series: number;
  /** Index of the latest sample the method sees. */
  t: number;
  /** Steps from t to the crossing, null when no crossing within the horizon (a quiet origin). */
  truth: number | null;
  /** `series:index` of the crossing this origin precedes; empty for quiet origins. */
  event: string;
}

/**
 * Crossings at index c in the evaluation part with the `horizon` samples before c all below the threshold (so an
 * alarm before c is a real prediction, not a reaction to a crossing in progress) and `window` samples of history.
 */
export function freshCrossings(s: ThresholdSeries, protocol: ThresholdProtocol): number[] {
  const { values, threshold, evalStart } = s;
  const out: number[] = [];
  const first = Math.max(evalStart, protocol.window + protocol.horizon);
  let below = 0;
  for (let i = first - protocol.horizon; i < values.length; i++) {
    if (values[i] >= threshold) {
      if (i >= first && below >= protocol.horizon) {
        out.push(i);
      }
      below = 0;
    } else {
      below++;
    }
  }
  return out;
}

export function isSustained(s: ThresholdSeries, c: number, samples: number): boolean {
  if (c + samples > s.values.length) {
    return false;
  }
  for (let i = c; i < c + samples; i++) {
    if (s.values[i] < s.threshold) {
      return false;
    }
  }
  return true;
}

export function thresholdOrigins(
  all: readonly ThresholdSeries[],
  protocol: ThresholdProtocol
): { origins: ThresholdOrigin[]; spikes: number } {
  const origins: ThresholdOrigin[] = [];
  let spikes = 0;
  all.forEach((s, index) => {
    for (const c of freshCrossings(s, protocol)) {
      if (!isSustained(s, c, protocol.sustainedSamples)) {
        spikes++;
        continue;
      }
      for (let lead = protocol.horizon; lead >= 1; lead -= protocol.stride) {
        origins.push({ series: index, t: c - lead, truth: lead, event: `${index}:${c}` });
      }
    }
    const start = Math.max(s.evalStart, protocol.window - 1);
    for (let t = start; t + protocol.horizon < s.values.length; t += protocol.quietStride) {
      if (s.values[t] >= s.threshold) {
        continue;
      }
      let crosses = false;
      for (let k = 1; k <= protocol.horizon && !crosses; k++) {
        crosses = s.values[t + k] >= s.threshold;
      }
      if (!crosses) {
        origins.push({ series: index, t, truth: null, event: '' });
      }
    }
  });
  return { origins, spikes };
}

export function evaluateThresholdCrossings(
  all: readonly ThresholdSeries[],
  predictors: readonly ThresholdPredictor[],
  protocol: ThresholdProtocol = DEFAULT_THRESHOLD_PROTOCOL
): ThresholdEvaluation {
  const { origins, spikes } = thresholdOrigins(all, protocol);
  const preEvent = origins.filter((o) => o.truth !== null);
  const quiet = origins.length - preEvent.length;
  const events = new Set(preEvent.map((o) => o.event));
  const methods = predictors.map((predictor): ThresholdMethodResult => {
    const started = performance.now();
    const firstAlarmLead = new Map<string, number>();
    let alarmsBefore = 0;
    let absError = 0;
    let falseAlarms = 0;
    for (const o of origins) {
      const s = all[o.series];
      const predicted = predictor.predict(s.values.subarray(0, o.t + 1), s.threshold, protocol.horizon);
      if (predicted === null) {
        continue;
      }
      if (o.truth === null) {
        falseAlarms++;
        continue;
      }
      alarmsBefore++;
      absError += Math.abs(predicted - o.truth);
      // Origins run from the longest lead down, but keep the maximum rather than rely on the order.
      firstAlarmLead.set(o.event, Math.max(firstAlarmLead.get(o.event) ?? 0, o.truth));
    }
    let leadSum = 0;
    for (const lead of firstAlarmLead.values()) {
      leadSum += lead;
    }
    return {
      method: predictor.name,
      detected: firstAlarmLead.size,
      meanLeadSteps: firstAlarmLead.size > 0 ? leadSum / firstAlarmLead.size : NaN,
      meanAbsErrorSteps: alarmsBefore > 0 ? absError / alarmsBefore : NaN,
      preEventAlarmRate: preEvent.length > 0 ? alarmsBefore / preEvent.length : NaN,
      falseAlarmRate: quiet > 0 ? falseAlarms / quiet : NaN,
      seconds: (performance.now() - started) / 1000,
    };
  });
  return {
    protocol,
    series: new Set(preEvent.map((o) => o.series)).size,
    events: events.size,
    spikes,
    preEventOrigins: preEvent.length,
    quietOrigins: quiet,
    methods,
  };
}
