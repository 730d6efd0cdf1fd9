/**
 * Keeps stdout clean. go-plugin reads the plugin's first stdout line as the handshake: anything printed
 * before it breaks start-up, and anything after it is thrown away. So console output and stray
 * process.stdout writes (from us or any library) become log lines on stderr, where Grafana shows them.
 */
import { format, inspect } from 'node:util';

import { log, type Logger, type LogLevel } from './logger';

let guarded = false;

const CONSOLE_LEVELS = [
  ['log', 'info'],
  ['info', 'info'],
  ['debug', 'debug'],
  ['warn', 'warn'],
  ['error', 'error'],
] as const satisfies ReadonlyArray<readonly [keyof Console, LogLevel]>;

/**
 * Idempotent. The handshake itself is written with fs.writeSync(1, …), which bypasses process.stdout.
 * Console methods not overridden here (group, table, count, assert, time*) print through console.log/warn.
 */
export function guardStdout(logger: Logger = log): void {
  if (guarded) {
    return;
  }
  guarded = true;
  /* eslint-disable no-console -- replacing the console methods is how console output is kept off stdout */
  for (const [method, level] of CONSOLE_LEVELS) {
    console[method] = (...args: unknown[]) => logger[level](format(...args));
  }
  console.trace = (...args: unknown[]) => logger.debug(format(...args), { stack: new Error().stack });
  console.dir = (item: unknown, options?: object) => logger.info(inspect(item, options));
  /* eslint-enable no-console */

  const writeAsLog = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const message = text.replace(/\r?\n$/, '');
    if (message !== '') {
      logger.info(message, { stream: 'stdout' });
    }
    const callback = rest.find((arg): arg is (err?: Error | null) => void => typeof arg === 'function');
    if (callback) {
      process.nextTick(callback);
    }
    return true;
  };
  process.stdout.write = writeAsLog as typeof process.stdout.write;
}
