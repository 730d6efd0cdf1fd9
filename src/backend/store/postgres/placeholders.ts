/**
 * The store writes `?` placeholders (SQLite's); PostgreSQL numbers them. Converted once per statement text and
 * cached; a `?` inside a quoted literal is left alone (the store's SQL has none, but the converter stays honest).
 */
const cache = new Map<string, string>();

export function numberedPlaceholders(sql: string): string {
  let converted = cache.get(sql);
  if (converted === undefined) {
    let n = 0;
    let quoted = false;
    converted = '';
    for (const char of sql) {
      if (char === "'") {
        quoted = !quoted;
      }
      converted += char === '?' && !quoted ? `$${++n}` : char;
    }
    cache.set(sql, converted);
  }
  return converted;
}
