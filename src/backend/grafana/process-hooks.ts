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
}
