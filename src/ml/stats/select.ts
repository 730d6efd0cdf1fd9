/**
 * In-place selection (Hoare's quickselect with median-of-three pivots): the k-th smallest value in
 * buf[lo..hi] in expected linear time, which is what medians and MADs of long histories need
 * (a full sort is n log n and allocates nothing less).
 */
export function selectKth(buf: Float64Array, k: number, lo: number, hi: number): number {
  let left = lo;
  let right = hi;
  while (right > left) {
    const mid = (left + right) >> 1;
    // Median of three as pivot keeps sorted and reverse-sorted inputs linear.
    if (buf[mid] < buf[left]) {
      swap(buf, mid, left);
    }
    if (buf[right] < buf[left]) {
      swap(buf, right, left);
    }
    if (buf[right] < buf[mid]) {
      swap(buf, right, mid);
    }
    const pivot = buf[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (buf[i] < pivot) {
        i++;
      }
      while (buf[j] > pivot) {
        j--;
      }
      if (i <= j) {
        swap(buf, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) {
      right = j;
    } else if (k >= i) {
      left = i;
    } else {
      return buf[k];
    }
  }
  return buf[k];
}

function swap(buf: Float64Array, a: number, b: number): void {
  const t = buf[a];
  buf[a] = buf[b];
  buf[b] = t;
}
