/**
 * Stable sort of item ids by a float key, descending, in O(n): an LSD radix sort over the key's 64 IEEE-754 bits in
 * four 16-bit digits. Ordering a 100,000-item queue with `Array.prototype.sort` and a comparator costs tens of
 * milliseconds (a closure call per comparison); this costs a few. Stability is what keeps ties in the order the
 * caller put them (the seeded tie-break).
 */
export function sortByKeyDescending(items: Int32Array, keys: Float64Array): Int32Array {
  const n = items.length;
  if (n < 2) {
    return Int32Array.from(items);
  }
  // Map every key to an unsigned 64-bit pattern (hi, lo) whose ascending order is the keys' descending order:
  // for non-negative doubles the raw bits are already ordered; negatives are ordered by their inverted bits.
  const scratch = new Float64Array(1);
  const words = new Uint32Array(scratch.buffer);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const hiWord = little ? 1 : 0;
  const loWord = little ? 0 : 1;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    scratch[0] = keys[items[j]];
    let h = words[hiWord];
    let l = words[loWord];
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    // Complement: ascending order of the complement is descending order of the key.
    hi[j] = ~h >>> 0;
    lo[j] = ~l >>> 0;
  }
  let order = Int32Array.from(items);
  let orderHi = hi;
  let orderLo = lo;
  let nextOrder = new Int32Array(n);
  let nextHi = new Uint32Array(n);
  let nextLo = new Uint32Array(n);
  const counts = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? orderLo : orderHi;
    const shift = pass % 2 === 0 ? 0 : 16;
    counts.fill(0);
    for (let j = 0; j < n; j++) {
      counts[(word[j] >>> shift) & 0xffff]++;
    }
    let total = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d];
      counts[d] = total;
      total += c;
    }
    for (let j = 0; j < n; j++) {
      const dst = counts[(word[j] >>> shift) & 0xffff]++;
      nextOrder[dst] = order[j];
      nextHi[dst] = orderHi[j];
      nextLo[dst] = orderLo[j];
    }
    [order, nextOrder] = [nextOrder, order];
    [orderHi, nextHi] = [nextHi, orderHi];
    [orderLo, nextLo] = [nextLo, orderLo];
  }
  return order;
}
