/**
 * Prometheus durations (`90s`, `1m30s`, `500ms`, or a bare number of seconds as the HTTP API accepts for `step`),
 * in milliseconds because Grafana's time ranges and intervals are milliseconds.
 */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/** Units in the order Prometheus requires them inside one duration (`1h30m`, never `30m1h`). */
const UNIT_ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
const DURATION = /^(?:\d+(?:y|w|d|h|ms|m|s))+$/;
const PART = /(\d+)(y|w|d|h|ms|m|s)/g;
const BARE_SECONDS = /^\d+(?:\.\d+)?$/;

/** Parses `1m30s`, `500ms`, `15` (seconds) or `0.5` (seconds); `undefined` when the text is not a duration. */
export function parsePromDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (BARE_SECONDS.test(trimmed)) {
    return Math.round(Number(trimmed) * 1000);
  }
  if (!DURATION.test(trimmed)) {
    return undefined;
  }
  let total = 0;
  let lastUnitIndex = -1;
  for (const [, amount, unit] of trimmed.matchAll(PART)) {
    const unitIndex = UNIT_ORDER.indexOf(unit);
    if (unitIndex <= lastUnitIndex) {
      return undefined;
    }
    lastUnitIndex = unitIndex;
    total += Number(amount) * UNIT_MS[unit];
  }
  return total;
}

/** Formats milliseconds as a PromQL duration literal: 90_000 → `1m30s`, 86_400_000 → `1d`, 0 → `0s`. */
export function formatPromDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  if (rest === 0) {
    return '0s';
  }
  let text = '';
  // Years and weeks are left out on purpose: `1d`…`400d` reads better than `1y5w` in an executed query.
  for (const unit of ['d', 'h', 'm', 's', 'ms']) {
    const size = UNIT_MS[unit];
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      text += `${amount}${unit}`;
      rest -= amount * size;
    }
  }
  return text;
}
