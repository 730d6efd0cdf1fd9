/**
 * Errors a handler can throw to say what went wrong and whose fault it is. The query type mux turns them
 * into a per-refId DataResponse (status + errorSource), so one failing query never fails the others.
 */
import type { ErrorSource } from './data';

export class PluginError extends Error {
  constructor(
    message: string,
    readonly status: number = 500,
    readonly errorSource: ErrorSource = 'plugin'
  ) {
    super(message);
    this.name = 'PluginError';
  }
}

/** The query or its options are wrong: the user can fix it. */
export class BadRequestError extends PluginError {
  constructor(message: string) {
    super(message, 400, 'plugin');
    this.name = 'BadRequestError';
  }
}

/** Something we depend on (Prometheus, the database) failed or refused. */
export class DownstreamError extends PluginError {
  constructor(message: string, status = 502) {
    super(message, status, 'downstream');
    this.name = 'DownstreamError';
  }
}

export function isPluginError(err: unknown): err is PluginError {
  return err instanceof PluginError;
}
