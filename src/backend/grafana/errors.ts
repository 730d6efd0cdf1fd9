/**
 * Errors a handler can throw to say what went wrong and whose fault it is. The query type mux turns them
 * into a per-refId DataResponse (status + errorSource), so one failing query never fails the others.
 */
import { errorResponse, type DataResponse, type ErrorSource } from './data';

export class PluginError extends Error {
  constructor(
    message: string,
    readonly status = 500,
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

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isAbortLike(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}

/**
 * How a thrown error reads as one query's response: a PluginError keeps its status and source; a request
 * Grafana cancelled or let time out is nobody's bug (downstream, 504, like the Go SDK's treatment of
 * context.Canceled); anything else is an unexpected plugin error (500).
 */
export function dataResponseFromError(err: unknown, signal?: AbortSignal): DataResponse {
  if (isPluginError(err)) {
    return errorResponse(err.status, err.message, err.errorSource);
  }
  if (signal?.aborted || isAbortLike(err)) {
    return errorResponse(504, `query cancelled: ${messageOf(signal?.aborted ? signal.reason : err)}`, 'downstream');
  }
  return errorResponse(500, messageOf(err), 'plugin');
}
