/**
 * A rough size of an object graph in bytes, for bounding caches by memory rather than by entry count. Models
 * are mostly typed arrays, which are counted exactly (each underlying buffer once); everything else is
 * estimated at a word per property or element, which is close enough to tell a 50 KB model from a 1 MB one.
 */
const WORD = 8;

export function approximateBytes(root: unknown): number {
  const seen = new Set<unknown>();
  const pending: unknown[] = [root];
  let bytes = 0;
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      bytes += WORD + 2 * value.length;
      continue;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) {
      continue;
    }
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      if (!seen.has(value.buffer)) {
        seen.add(value.buffer);
        bytes += value.buffer.byteLength;
      }
      continue;
    }
    const children = Array.isArray(value) ? value : Object.values(value);
    bytes += WORD * (2 + children.length);
    for (const child of children) {
      pending.push(child);
    }
  }
  return bytes;
}
