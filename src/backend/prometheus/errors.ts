/**
 * What can go wrong talking to Prometheus, as PluginErrors with the right status and blame, and messages that
 * say what to do. Messages name the Prometheus URL (scheme, host, path) but never credentials or query strings.
 */
import { BadRequestError, DownstreamError } from 'backend/grafana/errors';
import { formatBytes } from './format';
import type { TransportError } from './http-transport';

/** Kinds of downstream failure; CheckHealth turns each into its own advice. */
export type PrometheusFailure =
  | 'dns'
  | 'refused'
  | 'reset'
  | 'unreachable'
  | 'tls'
  | 'timeout'
  | 'cancelled'
  | 'unauthorized'
  | 'not-found'
  | 'server'
  | 'bad-response';

/** Prometheus could not be reached or did not answer properly. */
export class PrometheusUnavailableError extends DownstreamError {
  constructor(
    readonly failure: PrometheusFailure,
    message: string,
    status: number
  ) {
    super(message, status);
    this.name = 'PrometheusUnavailableError';
  }
}

/** Prometheus refused the query itself (`bad_data`): the PromQL or its parameters need fixing. */
export class PrometheusQueryError extends BadRequestError {
  constructor(
    readonly prometheusMessage: string,
    readonly errorType: string
  ) {
    super(`Prometheus rejected the query: ${prometheusMessage}`);
    this.name = 'PrometheusQueryError';
  }
}

/** The answer would be too big to handle: the user narrows the query. */
export class TooMuchDataError extends BadRequestError {
  constructor(message: string) {
    super(message);
    this.name = 'TooMuchDataError';
  }
}

export interface FailureContext {
  /** Display form of the URL that was called (no credentials, no query string). */
  url: string;
  timeoutMs: number;
  maxResponseBytes: number;
}

export function fromTransportError(err: TransportError, ctx: FailureContext): Error {
  const { url } = ctx;
  switch (err.failure) {
    case 'dns':
      return new PrometheusUnavailableError(
        'dns',
        `Cannot resolve the host of ${url} (${err.code}): check the Prometheus URL`,
        502
      );
    case 'refused':
      return new PrometheusUnavailableError(
        'refused',
        `Connection refused by ${url}: is Prometheus running and listening on that host and port?`,
        502
      );
    case 'reset':
      return new PrometheusUnavailableError('reset', `Connection to ${url} was closed before it answered`, 502);
    case 'tls':
      return new PrometheusUnavailableError(
        'tls',
        `TLS handshake with ${url} failed (${err.code ?? err.message}): add the server's CA certificate ` +
          '(tlsWithCACert + tlsCACert), or enable tlsSkipVerify for a test setup',
        502
      );
    case 'timeout':
      return new PrometheusUnavailableError(
        'timeout',
        `Prometheus at ${url} did not answer within ${ctx.timeoutMs / 1000} s: raise jsonData.timeoutSeconds or ` +
          'make the query cheaper (shorter range, larger step, fewer series)',
        504
      );
    case 'cancelled':
      // 504 like the runtime's answer for cancelled queries: Grafana gave up waiting (request closed, deadline).
      return new PrometheusUnavailableError('cancelled', `Request to ${url} was cancelled by Grafana`, 504);
    case 'too-large':
      return new TooMuchDataError(
        `Prometheus' answer from ${url} is larger than the ${formatBytes(ctx.maxResponseBytes)} limit: ` +
          'narrow the query with label matchers or aggregation, or use a larger step'
      );
    case 'corrupt':
      return new PrometheusUnavailableError('bad-response', `Unreadable response from ${url}: ${err.message}`, 502);
    case 'unreachable':
      return new PrometheusUnavailableError(
        'unreachable',
        `Cannot reach ${url} (${err.code ?? err.message}): check the URL and the network path`,
        502
      );
  }
}

interface ErrorEnvelope {
  status?: string;
  errorType?: string;
  error?: string;
}

/** Maps a non-success answer (HTTP ≥ 400 or `"status":"error"`) to the error the user should see. */
export function fromErrorResponse(httpStatus: number, envelope: ErrorEnvelope | undefined, body: string, url: string) {
  const detail = envelope?.error ?? snippet(body);
  const errorType = envelope?.errorType ?? '';
  if (errorType === 'bad_data') {
    return new PrometheusQueryError(detail, errorType);
  }
  if (httpStatus === 401 || httpStatus === 403) {
    return new PrometheusUnavailableError(
      'unauthorized',
      `Prometheus at ${url} answered ${httpStatus} ${httpStatus === 401 ? 'Unauthorized' : 'Forbidden'}: check the ` +
        'credentials (authMethod, basic auth user and password, bearer token or custom headers)',
      httpStatus
    );
  }
  if (httpStatus === 404) {
    return new PrometheusUnavailableError(
      'not-found',
      `No Prometheus API at ${url} (404): check the URL, including any path prefix such as /prometheus`,
      404
    );
  }
  if (errorType === 'timeout') {
    return new PrometheusUnavailableError('timeout', `Prometheus timed out evaluating the query: ${detail}`, 504);
  }
  if (errorType === 'canceled') {
    return new PrometheusUnavailableError('cancelled', `Prometheus cancelled the query: ${detail}`, 504);
  }
  if (errorType === 'execution') {
    return new PrometheusUnavailableError(
      'server',
      `Prometheus could not execute the query: ${detail}`,
      httpStatus || 422
    );
  }
  const status = httpStatus >= 400 ? httpStatus : 502;
  return new PrometheusUnavailableError('server', `Prometheus at ${url} answered ${status}: ${detail}`, status);
}

function snippet(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text === '') {
    return '(empty body)';
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
