/**
 * Uptime-probe profile: scores a synthetic check (blackbox exporter, uptime monitor) from its two signals,
 * success (`up`, 1/0) and response time, the way an on-call engineer reads them:
 * - change frequency: how much the status flaps within the recent window (a flapping check is trouble even when
 *   it is up half of the time);
 * - magnitude: the share of failed probes in the recent window;
 * - performance: how much slower than its baseline the endpoint answers, on a fixed scale (0–50% slower →
 *   0–25 points, 50–100% → 25–50, 100–200% → 50–100, beyond 200% → 100).
 * Score = 0.4 · change frequency + 0.4 · magnitude + 0.2 · performance, each on 0–100.
 *
 * Streaming and O(1) per probe: a ring buffer of the last statuses and a running count of flips and failures.
 * The response-time baseline is the median of successful probes' times in the history, then follows slow drift
 * through an EWMA of healthy probes (slow enough that a degradation is not learnt within an incident).
 */
import { medianInPlace } from '../stats/descriptive';

export interface UptimeProbeOptions {
  /** Probes in the recent window; default 20. */
  window?: number;
  /** Status changes within the window that count as full flapping (score 100); default 6. */
  flapChanges?: number;
  /** EWMA weight with which healthy response times move the baseline; default 0.005. */
  baselineAlpha?: number;
  weights?: { changeFrequency: number; magnitude: number; performance: number };
}

export const UPTIME_WEIGHTS = { changeFrequency: 0.4, magnitude: 0.4, performance: 0.2 } as const;

/** Performance points for a slowdown ratio (0.5 = 50% slower than baseline), piecewise linear. */
export function performanceScore(slowdown: number): number {
  if (!(slowdown > 0)) {
    return 0;
  }
  if (slowdown <= 0.5) {
    return (slowdown / 0.5) * 25;
  }
  if (slowdown <= 1) {
    return 25 + ((slowdown - 0.5) / 0.5) * 25;
  }
  if (slowdown <= 2) {
    return 50 + (slowdown - 1) * 50;
  }
  return 100;
}

export interface UptimeProbeScores {
  score: Float64Array;
  changeFrequency: Float64Array;
  magnitude: Float64Array;
  performance: Float64Array;
}

export class UptimeProbeProfile {
  private readonly window: number;
  private readonly flapChanges: number;
  private readonly alpha: number;
  private readonly weights: { changeFrequency: number; magnitude: number; performance: number };
  private readonly status: Uint8Array;
  /** flips[i] = 1 when status[i] differs from the status before it. */
  private readonly flips: Uint8Array;
  private head = 0;
  private filled = 0;
  private failures = 0;
  private changes = 0;
  private lastStatus = -1;
  private baseline = NaN;

  /** Components of the last probe passed to `step`. */
  changeFrequency = 0;
  magnitude = 0;
  performance = 0;

  constructor(options: UptimeProbeOptions = {}) {
    this.window = Math.max(2, Math.floor(options.window ?? 20));
    this.flapChanges = Math.max(1, options.flapChanges ?? 6);
    this.alpha = options.baselineAlpha ?? 0.005;
    this.weights = options.weights ?? UPTIME_WEIGHTS;
    this.status = new Uint8Array(this.window);
    this.flips = new Uint8Array(this.window);
  }

  get responseTimeBaseline(): number {
    return this.baseline;
  }

  /** Sets the response-time baseline from a history of probes (median of successful, finite times). */
  fit(up: Float64Array, responseTime: Float64Array): this {
    const healthy = new Float64Array(up.length);
    let count = 0;
    for (let i = 0; i < up.length; i++) {
      if (up[i] > 0 && Number.isFinite(responseTime[i]) && responseTime[i] > 0) {
        healthy[count++] = responseTime[i];
      }
    }
    this.baseline = count > 0 ? medianInPlace(healthy, count) : NaN;
    return this;
  }

  /** Scores one probe (up: > 0 success, 0 failure, NaN missing) and returns the 0–100 score. */
  step(up: number, responseTime: number): number {
    if (!Number.isNaN(up)) {
      this.push(up > 0 ? 1 : 0);
    }
    this.changeFrequency = 100 * Math.min(1, this.changes / this.flapChanges);
    this.magnitude = this.filled > 0 ? (100 * this.failures) / this.filled : 0;

    const healthy = up > 0 && Number.isFinite(responseTime) && responseTime > 0;
    this.performance = healthy && this.baseline > 0 ? performanceScore(responseTime / this.baseline - 1) : 0;
    if (healthy) {
      // Only probes close to normal move the baseline, so an ongoing slowdown is not learnt away.
      if (!(this.baseline > 0)) {
        this.baseline = responseTime;
      } else if (this.performance < 25) {
        this.baseline += this.alpha * (responseTime - this.baseline);
      }
    }
    const w = this.weights;
    return w.changeFrequency * this.changeFrequency + w.magnitude * this.magnitude + w.performance * this.performance;
  }

  score(up: Float64Array, responseTime: Float64Array): UptimeProbeScores {
    const n = up.length;
    const out: UptimeProbeScores = {
      score: new Float64Array(n),
      changeFrequency: new Float64Array(n),
      magnitude: new Float64Array(n),
      performance: new Float64Array(n),
    };
    for (let i = 0; i < n; i++) {
      out.score[i] = this.step(up[i], responseTime[i]);
      out.changeFrequency[i] = this.changeFrequency;
      out.magnitude[i] = this.magnitude;
      out.performance[i] = this.performance;
    }
    return out;
  }

  private push(status: number): void {
    const flip = this.lastStatus >= 0 && status !== this.lastStatus ? 1 : 0;
    this.lastStatus = status;
    if (this.filled === this.window) {
      // Evict the oldest probe.
      this.failures -= 1 - this.status[this.head];
      this.changes -= this.flips[this.head];
    } else {
      this.filled++;
    }
    this.status[this.head] = status;
    this.flips[this.head] = flip;
    this.failures += 1 - status;
    this.changes += flip;
    this.head = (this.head + 1) % this.window;
  }
}
