import { Anomaly } from 'contract/resources';

const HOUR = 60 * 60 * 1000;

/**
 * The range a reviewer judges an anomaly in: an hour of normal behaviour before the onset, the episode, and an
 * hour after its end (up to now while the episode is open or the hour has not passed).
 */
export function anomalyWindow(anomaly: Anomaly, now: number = Date.now()): { from: number; to: number } {
  const end = anomaly.endedAt ?? now;
  return { from: anomaly.startedAt - HOUR, to: Math.max(Math.min(end + HOUR, now), anomaly.startedAt + 60_000) };
}

/** `name`, `name{…}` or `{…}`: a plain selector, the only kind we can narrow to one series by adding matchers. */
const SELECTOR = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*(?:\{([^{}]*)\})?\s*$/;

const quote = (value: string) => JSON.stringify(value);

/**
 * The query for just the anomalous series. A plain selector gets the series' labels as matchers (its own matchers
 * are kept, the series' take the labels they do not set); any other expression (rates, sums, joins) cannot be
 * narrowed without rewriting PromQL, so it runs as recorded and the panel shows all its series. Without an
 * expression, the series' labels alone make the selector.
 */
export function seriesExpr(expr: string | null, labels: Record<string, string>): string | undefined {
  const { __name__: name, ...rest } = labels;
  if (!expr) {
    const matchers = Object.entries(rest).map(([key, value]) => `${key}=${quote(value)}`);
    return name || matchers.length > 0 ? `${name ?? ''}{${matchers.join(', ')}}` : undefined;
  }
  const match = SELECTOR.exec(expr);
  if (!match || (!match[1] && match[2] === undefined)) {
    return expr;
  }
  const [, metric = '', inner = ''] = match;
  const own = inner.trim();
  const taken = new Set(Array.from(own.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g), (m) => m[1]));
  const added = Object.entries(rest)
    .filter(([key]) => !taken.has(key))
    .map(([key, value]) => `${key}=${quote(value)}`);
  const matchers = [own.replace(/,\s*$/, ''), ...added].filter(Boolean);
  return `${metric}{${matchers.join(', ')}}`;
}
