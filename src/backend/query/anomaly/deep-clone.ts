/**
 * A deep copy of a model's object graph, so that a warm model can score provisional points without moving on.
 *
 * Models are class instances holding numbers and typed arrays. The copy keeps each object's prototype (its
 * methods), copies every ArrayBuffer once and rebuilds each typed array as the same view on the copied buffer, so
 * aliases (two fields naming one scratch array, views into one buffer) stay aliases. Functions are shared: in
 * models they are pure (reference distributions), never state.
 */
export function deepClone<T>(root: T): T {
  const copies = new Map<unknown, unknown>();

  const copyBuffer = (buffer: ArrayBufferLike): ArrayBufferLike => {
    let copy = copies.get(buffer) as ArrayBufferLike | undefined;
    if (!copy) {
      copy = buffer.slice(0);
      copies.set(buffer, copy);
    }
    return copy;
  };

  const clone = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') {
      return value; // primitives, and functions (typeof 'function') are shared
    }
    const known = copies.get(value);
    if (known !== undefined) {
      return known;
    }
    if (ArrayBuffer.isView(value)) {
      const View = value.constructor as new (buffer: ArrayBufferLike, byteOffset: number, length: number) => unknown;
      const elementSize = (value as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
      const view = new View(copyBuffer(value.buffer), value.byteOffset, value.byteLength / elementSize);
      copies.set(value, view);
      return view;
    }
    if (value instanceof ArrayBuffer) {
      return copyBuffer(value);
    }
    if (value instanceof Map) {
      const map = new Map();
      copies.set(value, map);
      value.forEach((v, k) => map.set(clone(k), clone(v)));
      return map;
    }
    if (value instanceof Set) {
      const set = new Set();
      copies.set(value, set);
      value.forEach((v) => set.add(clone(v)));
      return set;
    }
    const copy: Record<PropertyKey, unknown> = Array.isArray(value)
      ? new Array(value.length)
      : Object.create(Object.getPrototypeOf(value));
    copies.set(value, copy);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
      if ('value' in descriptor) {
        descriptor.value = clone(descriptor.value);
      }
      Object.defineProperty(copy, key, descriptor);
    }
    return copy;
  };

  return clone(root) as T;
}
