/**
 * Rolling statistics over the last `size` finite values, O(1) amortised per push: running sums for mean and
 * variance (re-summed every few thousand pushes so floating-point drift cannot accumulate), and monotonic deques
 * for the minimum and maximum.
 */
const RESUM_EVERY = 4096;

export class RollingWindow {
  readonly size: number;
  private readonly values: Float64Array;
  /** Push sequence numbers (value at values[seq % size]), kept monotonic in value for min and max. */
  private readonly minDeque: Int32Array;
  private readonly maxDeque: Int32Array;
  private minHead = 0;
  private minTail = 0;
  private maxHead = 0;
  private maxTail = 0;
  private count = 0;
  private seq = 0;
  private sum = 0;
  private sumSq = 0;
  /** Reference point subtracted before squaring, so the variance of large values keeps its precision. */
  private shift = NaN;

  constructor(size: number) {
    this.size = Math.max(1, Math.floor(size));
    this.values = new Float64Array(this.size);
    // Deques hold sequence numbers in a ring of `size` slots (never more live entries than the window).
    this.minDeque = new Int32Array(this.size);
    this.maxDeque = new Int32Array(this.size);
  }

  get length(): number {
    return this.count;
  }

  /** An independent copy that continues exactly where this window stands. */
  clone(): RollingWindow {
    const copy = new RollingWindow(this.size);
    copy.values.set(this.values);
    copy.minDeque.set(this.minDeque);
    copy.maxDeque.set(this.maxDeque);
    copy.minHead = this.minHead;
    copy.minTail = this.minTail;
    copy.maxHead = this.maxHead;
    copy.maxTail = this.maxTail;
    copy.count = this.count;
    copy.seq = this.seq;
    copy.sum = this.sum;
    copy.sumSq = this.sumSq;
    copy.shift = this.shift;
    return copy;
  }

  push(x: number): void {
    if (Number.isNaN(this.shift)) {
      this.shift = x;
    }
    const slot = this.seq % this.size;
    if (this.count === this.size) {
      const old = this.values[slot] - this.shift;
      this.sum -= old;
      this.sumSq -= old * old;
    } else {
      this.count++;
    }
    this.values[slot] = x;
    const d = x - this.shift;
    this.sum += d;
    this.sumSq += d * d;
    const oldest = this.seq - this.size + 1;
    this.minHead = expire(this.minDeque, this.minHead, this.minTail, oldest, this.size);
    this.maxHead = expire(this.maxDeque, this.maxHead, this.maxTail, oldest, this.size);
    while (this.minTail > this.minHead && this.valueAt(this.minDeque[(this.minTail - 1) % this.size]) >= x) {
      this.minTail--;
    }
    this.minDeque[this.minTail++ % this.size] = this.seq;
    while (this.maxTail > this.maxHead && this.valueAt(this.maxDeque[(this.maxTail - 1) % this.size]) <= x) {
      this.maxTail--;
    }
    this.maxDeque[this.maxTail++ % this.size] = this.seq;
    this.seq++;
    if (this.seq % RESUM_EVERY === 0) {
      this.resum();
    }
  }

  mean(): number {
    return this.count > 0 ? this.shift + this.sum / this.count : NaN;
  }

  /** Population standard deviation of the window. */
  std(): number {
    if (this.count === 0) {
      return NaN;
    }
    const m = this.sum / this.count;
    const v = this.sumSq / this.count - m * m;
    return v > 0 ? Math.sqrt(v) : 0;
  }

  min(): number {
    return this.count > 0 ? this.valueAt(this.minDeque[this.minHead % this.size]) : NaN;
  }

  max(): number {
    return this.count > 0 ? this.valueAt(this.maxDeque[this.maxHead % this.size]) : NaN;
  }

  private valueAt(seq: number): number {
    return this.values[seq % this.size];
  }

  private resum(): void {
    this.shift = this.mean();
    this.sum = 0;
    this.sumSq = 0;
    for (let i = 0; i < this.count; i++) {
      const d = this.values[i] - this.shift;
      this.sum += d;
      this.sumSq += d * d;
    }
  }
}

function expire(deque: Int32Array, head: number, tail: number, oldest: number, size: number): number {
  while (head < tail && deque[head % size] < oldest) {
    head++;
  }
  return head;
}
