/**
 * A least-recently-used cache bounded by the bytes its entries hold (and, as a backstop, by their number).
 * Sizes are given by the caller when an entry is stored; reading an entry makes it the most recent.
 */
export interface LruCacheLimits {
  maxBytes: number;
  maxEntries: number;
}

interface Slot<V> {
  value: V;
  bytes: number;
}

export class LruCache<V> {
  /** A Map iterates in insertion order: the first key is the least recently used. */
  private readonly slots = new Map<string, Slot<V>>();
  private totalBytes = 0;

  constructor(private readonly limits: LruCacheLimits) {}

  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (!slot) {
      return undefined;
    }
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.value;
  }

  /** Stores `value` as the most recent entry; an entry larger than the whole budget is not kept. */
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.limits.maxBytes) {
      return;
    }
    this.slots.set(key, { value, bytes });
    this.totalBytes += bytes;
    for (const [oldest, slot] of this.slots) {
      if (this.totalBytes <= this.limits.maxBytes && this.slots.size <= this.limits.maxEntries) {
        break;
      }
      this.slots.delete(oldest);
      this.totalBytes -= slot.bytes;
    }
  }

  delete(key: string): void {
    const slot = this.slots.get(key);
    if (slot) {
      this.slots.delete(key);
      this.totalBytes -= slot.bytes;
    }
  }

  get size(): number {
    return this.slots.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }
}
