import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('evicts the least recently used entries once over its byte budget', () => {
    const cache = new LruCache<string>({ maxBytes: 100, maxEntries: 10 });
    cache.set('a', 'A', 40);
    cache.set('b', 'B', 40);
    expect(cache.get('a')).toBe('A'); // now b is the oldest
    cache.set('c', 'C', 40);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c')]).toEqual(['A', 'C']);
    expect(cache.bytes).toBe(80);
  });

  it('bounds the number of entries too, and replaces an entry without counting it twice', () => {
    const cache = new LruCache<number>({ maxBytes: 1000, maxEntries: 2 });
    cache.set('a', 1, 10);
    cache.set('a', 2, 30);
    cache.set('b', 3, 10);
    cache.set('c', 4, 10);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBe(20);
  });

  it('does not keep an entry larger than the whole budget', () => {
    const cache = new LruCache<number>({ maxBytes: 10, maxEntries: 2 });
    cache.set('a', 1, 5);
    cache.set('big', 2, 11);
    expect(cache.get('big')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
  });
});
