/**
 * Process-level behaviour of a plugin, matching Go plugins: survive a Ctrl-C aimed at Grafana's process
 * group (Grafana stops us itself, in order), stop cleanly on SIGTERM, and never die from one bad request.
 */
import { log, type Logger } from './logger';

let installed = false;

export function installProcessHooks(onTerminate: () => void, logger: Logger = log): void {
  if (installed) {
    return;
  }
  installed = true;
  // go-plugin's servers "eat the interrupts" for their whole life; Grafana calls Shutdown when it stops.
  process.on('SIGINT', () => logger.debug('Ignoring SIGINT; Grafana stops the plugin through its Shutdown call'));
  process.on('SIGTERM', () => {
    logger.info('Received SIGTERM, stopping');
    onTerminate();
  });
  // A bug reached by one request must fail that request only. Exiting would make Grafana restart us every
  // second and fail every other in-flight request with UNAVAILABLE.
  process.on('uncaughtException', (err, origin) => {
    logger.error('Uncaught exception', { origin, error: err, stack: err.stack });
  });
  process.on('unhandledRejection', (reason) => {
    logger.error('Unhandled promise rejection', {
      error: reason,
      stack: reason instanceof Error ? reason.stack : undefined,
    });
  });
  watchParent(onTerminate, logger);
  // go-plugin reads our stderr for logs: when that pipe breaks, Grafana is gone (nothing left to log to either).
  process.stderr.on('error', () => onTerminate());
}

/** How often the parent is looked for: an orphan lingers this long at most. */
export const PARENT_CHECK_MS = 2000;

/**
 * Stop when Grafana is gone. A Go plugin dies by SIGPIPE on its next log line once Grafana's end of the pipes
 * closes; Node ignores SIGPIPE, so a Node plugin whose Grafana was killed (OOM, kill -9, a crashed container
 * runtime) would stay behind for good, holding its port and its database. Being re-parented is the sign.
 */
export function watchParent(onOrphaned: () => void, logger: Logger = log, everyMs = PARENT_CHECK_MS): () => void {
  const parent = process.ppid;
  if (parent <= 1) {
    return () => undefined; // started by init itself: there is no parent to outlive
  }
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      logger.warn('Grafana, the parent process, is gone: stopping', { parent, now: process.ppid });
      onOrphaned();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
