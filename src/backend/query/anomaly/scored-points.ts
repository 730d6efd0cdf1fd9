/**
 * What the ensemble said about a run of consecutive grid points: expected value, band, 0–100 score and the
 * evidence of each detector. Compact on purpose: the model cache keeps these for the panel's range so that a
 * refresh only scores the points that are new.
 */
import type { AnomalyEnsemble } from 'ml/ensemble/anomaly-ensemble';

/** Evidence is stored as −log10(tail probability) in tenths of a decade, saturating at 25.5 decades. */
const EVIDENCE_RESOLUTION = 10;
const EVIDENCE_MAX = 255;

/** The arrays behind a run of scored points, as they cross between threads (see `arrays`). */
export interface ScoredPointsArrays {
  score: Float64Array;
  expected: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  evidence: Uint8Array;
  detectorCount: number;
}

export class ScoredPoints {
  private constructor(
    /** 0–100; NaN where the point has no value or the model is still learning. */
    readonly score: Float64Array,
    readonly expected: Float64Array,
    readonly lower: Float64Array,
    readonly upper: Float64Array,
    /** Point-major: `evidence[i * detectorCount + k]` is detector k's surprise at point i (see `surprise`). */
    readonly evidence: Uint8Array,
    readonly detectorCount: number
  ) {}

  /** `length` points, all unscored until recorded. */
  static allocate(length: number, detectorCount: number): ScoredPoints {
    const unscored = () => new Float64Array(length).fill(NaN);
    return new ScoredPoints(
      unscored(),
      unscored(),
      unscored(),
      unscored(),
      new Uint8Array(length * detectorCount),
      detectorCount
    );
  }

  /** The points over arrays received from another thread. */
  static fromArrays(a: ScoredPointsArrays): ScoredPoints {
    return new ScoredPoints(a.score, a.expected, a.lower, a.upper, a.evidence, a.detectorCount);
  }

  /**
   * The arrays, to post to another thread, and their buffers, to transfer rather than copy. Only for points
   * that own their memory (`copy`): a transfer detaches the buffers on this side.
   */
  arrays(): { arrays: ScoredPointsArrays; buffers: ArrayBuffer[] } {
    const { score, expected, lower, upper, evidence, detectorCount } = this;
    const buffers = [score, expected, lower, upper, evidence].map((a) => a.buffer as ArrayBuffer);
    return { arrays: { score, expected, lower, upper, evidence, detectorCount }, buffers };
  }

  get length(): number {
    return this.score.length;
  }

  /** Points `from` to `to` (exclusive) as a view on the same memory. */
  slice(from: number, to: number): ScoredPoints {
    const d = this.detectorCount;
    return new ScoredPoints(
      this.score.subarray(from, to),
      this.expected.subarray(from, to),
      this.lower.subarray(from, to),
      this.upper.subarray(from, to),
      this.evidence.subarray(from * d, to * d),
      d
    );
  }

  /** Records the point the ensemble just scored with `scoreNext`. */
  record(index: number, score: number, ensemble: AnomalyEnsemble): void {
    this.score[index] = score;
    this.expected[index] = ensemble.expected;
    this.lower[index] = ensemble.lower;
    this.upper[index] = ensemble.upper;
    const p = ensemble.lastEvidence;
    const base = index * this.detectorCount;
    for (let k = 0; k < this.detectorCount; k++) {
      this.evidence[base + k] = encodeSurprise(p[k]);
    }
  }

  /** A copy that owns its memory (a slice is a view). */
  copy(): ScoredPoints {
    const out = ScoredPoints.allocate(this.length, this.detectorCount);
    out.copyFrom(this, 0, 0, this.length);
    return out;
  }

  /** Copies `count` points from `source` (starting at `from`) to this run (starting at `to`). */
  copyFrom(source: ScoredPoints, from: number, to: number, count: number): void {
    this.score.set(source.score.subarray(from, from + count), to);
    this.expected.set(source.expected.subarray(from, from + count), to);
    this.lower.set(source.lower.subarray(from, from + count), to);
    this.upper.set(source.upper.subarray(from, from + count), to);
    const d = this.detectorCount;
    this.evidence.set(source.evidence.subarray(from * d, (from + count) * d), to * d);
  }

  /** Detector k's surprise at point i, in decades (−log10 of its tail probability); 0 when it had nothing. */
  surprise(index: number, detector: number): number {
    return this.evidence[index * this.detectorCount + detector] / EVIDENCE_RESOLUTION;
  }

  get bytes(): number {
    return 4 * this.score.byteLength + this.evidence.byteLength;
  }
}

function encodeSurprise(p: number): number {
  if (!(p < 1)) {
    return 0; // NaN (no say) or p = 1 (no evidence at all)
  }
  const tenths = Math.round(-Math.log10(p) * EVIDENCE_RESOLUTION);
  return tenths > EVIDENCE_MAX ? EVIDENCE_MAX : tenths;
}
