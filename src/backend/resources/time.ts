/**
 * Instants as senders write them: RFC 3339 with any number of fractional digits (Alertmanager sends
 * nanoseconds, which Date.parse does not promise to read), a zone-less ISO time (read as UTC), or epoch seconds
 * or milliseconds as a number or numeric text. Go's zero time (`0001-01-01T00:00:00Z`, Alertmanager's "no end")
 * and anything outside 1970–2200 read as absent.
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const MIN_MS = 0;
const MAX_MS = Date.UTC(2200, 0, 1);
/** Epoch values below this are seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_BELOW = 1e11;

export function parseInstant(value: string | number): number | undefined {
  if (typeof value === 'number') {
    return fromEpoch(value);
  }
  const trimmed = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) {
    return fromEpoch(Number(trimmed));
  }
  const m = ISO.exec(trimmed);
  if (!m) {
    return undefined;
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) {
    return undefined;
  }
  const millis = Math.floor(Number(`0.${fraction || '0'}`) * 1000);
  const utc = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), millis);
  if (new Date(utc).getUTCDate() !== day) {
    return undefined; // 31 February and friends.
  }
  return inRange(utc - offsetMs(zone));
}

function offsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z') {
    return 0;
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || '0');
  return sign * (hours * 60 + minutes) * 60_000;
}

function fromEpoch(value: number): number | undefined {
  if (!Number.isFinite(value)) {
    return undefined;
  }
  return inRange(Math.round(Math.abs(value) < SECONDS_BELOW ? value * 1000 : value));
}

function inRange(ms: number): number | undefined {
  return ms > MIN_MS && ms < MAX_MS ? ms : undefined;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
