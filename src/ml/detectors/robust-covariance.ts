/**
 * Robust covariance detector: minimum covariance determinant (Rousseeuw & Van Driessen's FastMCD) → Mahalanobis.
 *
 * A plain covariance is dragged by the very outliers it should expose; the MCD estimate is the mean and covariance
 * of the h points (about half) whose covariance has the smallest determinant, i.e. the tightest core of the data.
 * FastMCD finds it with "concentration steps": from any (mean, cov), keeping the h points closest in Mahalanobis
 * distance and re-estimating can only lower the determinant. We run two C-steps from many random (p+1)-subsets
 * (on a subsample when the data is large), iterate the best few to convergence, then apply the usual consistency
 * correction (median d² → χ²_p median) and one reweighting step (points within the 97.5% χ² quantile).
 *
 * The score of a point is its squared Mahalanobis distance from the robust centre (≈ χ²_p for normal inliers).
 */
import { chiSquareQuantile } from '../stats/distributions';
import { medianInPlace } from '../stats/descriptive';
import { mulberry32, type Rng } from '../stats/random';
import { selectKth } from '../stats/select';
import { logDetFromCholesky, mahalanobisSquared, meanAndCovariance, regularisedCholesky } from './linear-algebra';

export interface RobustCovarianceOptions {
  /**
   * Fraction h/n of points in the MCD core; default (n + p + 1) / 2n, the maximum breakdown point. 1 gives the
   * classical (non-robust) estimate, for data whose training history is trusted to be all normal.
   */
  supportFraction?: number;
  /**
   * Diagonal shrinkage of the final estimate, Σ + s·diag(Σ); default 0. Many correlated, partly redundant
   * dimensions (server metrics) give near-singular covariances whose smallest directions are noise; a little
   * shrinkage keeps new but harmless combinations from looking infinitely far.
   */
  shrinkage?: number;
  /** Random starts; default 30. */
  starts?: number;
  /** Largest sample the start search runs on; default 1500. */
  maxSearchRows?: number;
  seed?: number;
}

const CONVERGENCE_STEPS = 30;
/** Share of a feature's plain variance kept as a floor on its robust variance. */
const VARIANCE_FLOOR_FRACTION = 0.01;
const BEST_KEPT = 5;

interface Estimate {
  mean: Float64Array;
  chol: Float64Array;
  logDet: number;
}

export class RobustCovariance {
  readonly options: Required<Omit<RobustCovarianceOptions, 'supportFraction'>> &
    Pick<RobustCovarianceOptions, 'supportFraction'>;
  private cols = 0;
  location: Float64Array = new Float64Array(0);
  private chol: Float64Array = new Float64Array(0);
  private work = new Float64Array(0);
  /**
   * Added to the diagonal of every estimate: a small share of each feature's plain variance. The MCD core of a
   * sparse feature (mostly one value) has zero variance, and any later departure from that value would be an
   * infinitely distant outlier; the floor keeps such a feature's distance finite and proportionate.
   */
  private varianceFloor = new Float64Array(0);
  private fitted = false;

  constructor(options: RobustCovarianceOptions = {}) {
    this.options = {
      supportFraction: options.supportFraction,
      shrinkage: options.shrinkage ?? 0,
      starts: options.starts ?? 30,
      maxSearchRows: options.maxSearchRows ?? 1500,
      seed: options.seed ?? 1,
    };
  }

  get isFitted(): boolean {
    return this.fitted;
  }

  /** Fits on a row-major matrix; rows with non-finite values are ignored. */
  fit(matrix: Float64Array, rows: number, cols: number): this {
    this.cols = cols;
    this.work = new Float64Array(cols);
    const all = finiteRowIndex(matrix, rows, cols);
    const n = all.length;
    if (n === 0) {
      this.location = new Float64Array(cols);
      this.chol = identity(cols);
      this.fitted = true;
      return this;
    }
    this.varianceFloor = plainVariances(matrix, cols, all).map((v) => VARIANCE_FLOOR_FRACTION * v);
    if ((this.options.supportFraction ?? 0) >= 1) {
      const classical = this.estimate(matrix, all, n, true);
      this.location = classical.mean;
      this.chol = classical.chol;
      this.fitted = true;
      return this;
    }
    const fraction = this.options.supportFraction ?? (n + cols + 1) / (2 * n);
    const h = Math.min(n, Math.max(Math.min(n, cols + 1), Math.ceil(fraction * n)));
    const rng = mulberry32(this.options.seed);

    // 1. Many short searches on a subsample.
    const search =
      n > this.options.maxSearchRows ? sampleWithoutReplacement(all, this.options.maxSearchRows, rng) : all;
    const hSearch = Math.max(Math.min(search.length, cols + 1), Math.round((h / n) * search.length));
    const candidates: Estimate[] = [];
    for (let s = 0; s < this.options.starts; s++) {
      const start = sampleWithoutReplacement(search, Math.min(search.length, cols + 1), rng);
      let est = this.estimate(matrix, start, start.length);
      est = this.concentrate(matrix, search, hSearch, est, 2);
      candidates.push(est);
    }
    candidates.sort((a, b) => a.logDet - b.logDet);
    // 2. The best few, to convergence on the full data.
    let best: Estimate | undefined;
    for (const candidate of candidates.slice(0, BEST_KEPT)) {
      const est = this.concentrate(matrix, all, h, candidate, CONVERGENCE_STEPS);
      if (!best || est.logDet < best.logDet) {
        best = est;
      }
    }
    const raw = best!;

    // 3. Consistency: scale so the median distance matches the χ² median, then reweight at the 97.5% point.
    const d2 = this.distances(matrix, all, raw);
    const medianD2 = medianInPlace(Float64Array.from(d2));
    const consistency = medianD2 > 0 ? medianD2 / chiSquareQuantile(cols, 0.5) : 1;
    const cutoff = chiSquareQuantile(cols, 0.975) * consistency;
    const kept = new Int32Array(n);
    let count = 0;
    for (let k = 0; k < n; k++) {
      if (d2[k] <= cutoff) {
        kept[count++] = all[k];
      }
    }
    // The variance floor enters only here: during the search it would blur the determinants being compared.
    const final = this.estimate(matrix, count > cols ? kept : all, count > cols ? count : n, true);
    // Reweighted estimate gets the same median consistency treatment.
    const d2Final = this.distances(matrix, all, final);
    const medianFinal = medianInPlace(d2Final);
    const scale = medianFinal > 0 ? Math.sqrt(medianFinal / chiSquareQuantile(cols, 0.5)) : 1;
    for (let i = 0; i < final.chol.length; i++) {
      final.chol[i] *= scale;
    }
    this.location = final.mean;
    this.chol = final.chol;
    this.fitted = true;
    return this;
  }

  /** Squared robust Mahalanobis distance of one row; NaN if it has a non-finite value. */
  scoreRow(data: Float64Array, offset = 0): number {
    for (let c = 0; c < this.cols; c++) {
      if (!Number.isFinite(data[offset + c])) {
        return NaN;
      }
    }
    return mahalanobisSquared(data, offset, this.location, this.chol, this.cols, this.work);
  }

  score(matrix: Float64Array, rows: number, out = new Float64Array(rows)): Float64Array {
    for (let r = 0; r < rows; r++) {
      out[r] = this.scoreRow(matrix, r * this.cols);
    }
    return out;
  }

  private estimate(matrix: Float64Array, index: Int32Array, count: number, withFloor = false): Estimate {
    const p = this.cols;
    const mean = new Float64Array(p);
    const cov = new Float64Array(p * p);
    meanAndCovariance(matrix, p, index, count, mean, cov);
    if (withFloor) {
      const shrink = this.options.shrinkage;
      for (let i = 0; i < p; i++) {
        cov[i * p + i] += this.varianceFloor[i] + shrink * cov[i * p + i];
      }
    }
    const chol = new Float64Array(p * p);
    regularisedCholesky(cov, p, chol);
    return { mean, chol, logDet: logDetFromCholesky(chol, p) };
  }

  private distances(matrix: Float64Array, index: Int32Array, est: Estimate): Float64Array {
    const p = this.cols;
    const out = new Float64Array(index.length);
    for (let k = 0; k < index.length; k++) {
      out[k] = mahalanobisSquared(matrix, index[k] * p, est.mean, est.chol, p, this.work);
    }
    return out;
  }

  /** C-steps: keep the h closest points and re-estimate, until the determinant stops falling. */
  private concentrate(matrix: Float64Array, index: Int32Array, h: number, est: Estimate, steps: number): Estimate {
    let current = est;
    const chosen = new Int32Array(h);
    for (let step = 0; step < steps; step++) {
      const d2 = this.distances(matrix, index, current);
      const threshold = selectKth(Float64Array.from(d2), h - 1, 0, d2.length - 1);
      let count = 0;
      for (let k = 0; k < index.length && count < h; k++) {
        if (d2[k] <= threshold) {
          chosen[count++] = index[k];
        }
      }
      const next = this.estimate(matrix, chosen, count);
      if (next.logDet >= current.logDet - 1e-12) {
        return next.logDet < current.logDet ? next : current;
      }
      current = next;
    }
    return current;
  }
}

function finiteRowIndex(matrix: Float64Array, rows: number, cols: number): Int32Array {
  const out = new Int32Array(rows);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    let ok = true;
    for (let c = 0; c < cols && ok; c++) {
      ok = Number.isFinite(matrix[r * cols + c]);
    }
    if (ok) {
      out[k++] = r;
    }
  }
  return out.slice(0, k);
}

function sampleWithoutReplacement(from: Int32Array, size: number, rng: Rng): Int32Array {
  const pool = Int32Array.from(from);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng() * (pool.length - i));
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  return pool.slice(0, size);
}

function identity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    out[i * n + i] = 1;
  }
  return out;
}

function plainVariances(matrix: Float64Array, cols: number, index: Int32Array): Float64Array {
  const mean = new Float64Array(cols);
  const out = new Float64Array(cols);
  for (const r of index) {
    for (let c = 0; c < cols; c++) {
      mean[c] += matrix[r * cols + c];
    }
  }
  for (let c = 0; c < cols; c++) {
    mean[c] /= Math.max(1, index.length);
  }
  for (const r of index) {
    for (let c = 0; c < cols; c++) {
      const d = matrix[r * cols + c] - mean[c];
      out[c] += d * d;
    }
  }
  for (let c = 0; c < cols; c++) {
    out[c] /= Math.max(1, index.length);
  }
  return out;
}
