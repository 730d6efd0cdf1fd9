/**
 * The store writes `?` placeholders (SQLite's); PostgreSQL numbers them. Converted once per statement text and
 * cached; a `?` inside a quoted literal is left alone (the store's SQL has none, but the converter stays honest).
 */
const cache = new Map<string, string>();
const names = new Map<string, string>();

/**
 * A name for the statement, so pg prepares it once per connection and then only binds and executes: the
 * store runs the same few dozen statements millions of times, and parsing and planning them each time costs
 * PostgreSQL more than executing them.
 */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `traceo_${names.size + 1}`;
    names.set(sql, name);
  }
  return name;
}

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
