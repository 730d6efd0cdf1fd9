/**
 * hclog-style JSON logging on stderr, the format go-plugin parses from plugin processes (grafana-protocol.md §7.1):
 * one JSON object per line with `@level`, `@message`, `@timestamp` and any other keys as key/value pairs.
 * Grafana re-logs each line under `plugin.<pluginId>` at the level we give, so levels must be hclog's names.
 * Never stdout: stdout carries only the go-plugin handshake line.
 */
import { inspect } from 'node:util';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, unknown>;

export interface Logger {
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A child logger that adds `fields` to every line (like hclog's `With`). */
  with(fields: LogFields): Logger;
  enabled(level: LogLevel): boolean;
}

export interface LoggerOptions {
  /** Lowest level written; defaults to `GF_PLUGIN_LOG_LEVEL` or `debug` (Grafana filters further). */
  level?: LogLevel;
  /** Receives complete lines including the trailing newline; defaults to stderr. */
  write?: (line: string) => void;
  /** Wall clock in epoch milliseconds with sub-millisecond precision. */
  now?: () => number;
}

/**
 * go-plugin splits lines longer than its 64 KiB read buffer and logs the pieces at debug level without
 * parsing them, so an oversized message would lose its level. Keep lines well below that.
 */
const MAX_MESSAGE_CHARS = 16 * 1024;

const RANK: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * Go layout `2006-01-02T15:04:05.000000Z07:00`: exactly six fractional digits. go-plugin parses `@timestamp`
 * with it, and a line whose timestamp does not parse is demoted to a plain debug line.
 */
export function formatHclogTimestamp(epochMs: number): string {
  const micros = Math.floor(epochMs * 1000);
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  const wholeSeconds = new Date(seconds * 1000).toISOString().slice(0, 19);
  return `${wholeSeconds}.${String(fraction).padStart(6, '0')}Z`;
}

/** Epoch milliseconds with microsecond resolution; Date.now() alone would leave the last three digits at 0. */
function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

function defaultLevel(): LogLevel {
  const fromEnv = process.env.GF_PLUGIN_LOG_LEVEL?.toLowerCase();
  return isLogLevel(fromEnv) ? fromEnv : 'debug';
}

/** Makes values JSON-friendly: Errors would otherwise serialise as `{}` and BigInts would throw. */
function jsonValue(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return value.message;
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  return value;
}

function truncate(message: string): string {
  return message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}… (truncated)` : message;
}

/**
 * `@`-keys are hclog's own and `timestamp` is dropped by Grafana's log wrapper, so fields must not use them.
 * JSON.stringify escapes newlines, which keeps every entry on one line.
 */
export function formatLine(level: LogLevel, message: string, fields: LogFields, epochMs: number): string {
  const head: LogFields = {
    '@level': level,
    '@message': truncate(message),
    '@timestamp': formatHclogTimestamp(epochMs),
  };
  const pairs: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && !key.startsWith('@') && key !== 'timestamp') {
      pairs[key] = value;
    }
  }
  try {
    return JSON.stringify({ ...head, ...pairs }, jsonValue) + '\n';
  } catch {
    // A circular or otherwise unserialisable field must not lose the message itself.
    return JSON.stringify({ ...head, fields: inspect(pairs, { depth: 3, breakLength: Infinity }) }) + '\n';
  }
}

/**
 * Once Grafana's end of the pipe is gone, stderr errors (EPIPE) and is destroyed: writing on would only raise
 * the error again, and logging that error would write again — a loop that spins a core. Lines are dropped instead.
 */
function writeToStderr(line: string): void {
  if (!process.stderr.destroyed) {
    process.stderr.write(line);
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const minRank = RANK[options.level ?? defaultLevel()];
  const write = options.write ?? writeToStderr;
  const now = options.now ?? preciseNow;

  const make = (bound: LogFields): Logger => {
    const emit = (level: LogLevel) => (message: string, fields?: LogFields) => {
      if (RANK[level] < minRank) {
        return;
      }
      write(formatLine(level, String(message), fields ? { ...bound, ...fields } : bound, now()));
    };
    return {
      trace: emit('trace'),
      debug: emit('debug'),
      info: emit('info'),
      warn: emit('warn'),
      error: emit('error'),
      with: (fields) => make({ ...bound, ...fields }),
      enabled: (level) => RANK[level] >= minRank,
    };
  };
  return make({});
}

/** The process-wide logger handlers and the runtime share. */
export const log: Logger = createLogger();
