/**
 * Cross-cutting concerns around every handler call, as a small middleware chain (like the Go SDK's
 * handler_middleware.go): logging, metrics and error recovery know nothing about a particular endpoint;
 * each endpoint's adapter describes its call (what to log, how a response reads, how an error reads).
 */
import type { CallContext } from './data';
import type { LogFields, Logger } from './logger';
import type { Endpoint, RequestMetrics } from './metrics';
import type { PluginContext } from './plugin-context';

/** How a response reads in logs and metrics. */
export interface Outcome {
  /** Low-cardinality label: `ok`, `error`, `partial`, an HTTP code, a health status. */
  status: string;
  ok: boolean;
  /** What went wrong, for the log line. */
  error?: string;
}

export interface Call<Res> {
  endpoint: Endpoint;
  pluginContext: PluginContext;
  ctx: CallContext;
  /** Facts about the request worth a log field: refIds, resource path and method. */
  fields: LogFields;
  outcome(response: Res): Outcome;
  /**
   * The endpoint's answer to a thrown error (a 500 resource response, per-refId errors). Without it the
   * error fails the gRPC call.
   */
  recover?(err: unknown): Res;
}

export type Next<Res> = () => Promise<Res>;
export type Middleware = <Res>(call: Call<Res>, next: Next<Res>) => Promise<Res>;
export type Pipeline = <Res>(call: Call<Res>, handler: Next<Res>) => Promise<Res>;

/** The first middleware is the outermost: it sees the call first and the final response last. */
export function compose(middlewares: readonly Middleware[]): Pipeline {
  return <Res>(call: Call<Res>, handler: Next<Res>): Promise<Res> => {
    const run = (index: number): Promise<Res> =>
      index < middlewares.length ? middlewares[index](call, () => run(index + 1)) : handler();
    return run(0);
  };
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function thrownOutcome(call: Call<unknown>, err: unknown): Outcome {
  return { status: call.ctx.signal.aborted ? 'cancelled' : 'error', ok: false, error: errorMessage(err) };
}

function contextFields(pluginContext: PluginContext): LogFields {
  return {
    pluginId: pluginContext.pluginId || undefined,
    orgId: pluginContext.orgId || undefined,
    dsUid: pluginContext.dataSourceInstanceSettings?.uid,
  };
}

/** One line per request: debug when it went well (Grafana hides debug by default), warn otherwise. */
export function loggingMiddleware(logger: Logger): Middleware {
  return async (call, next) => {
    const started = performance.now();
    const line = (outcome: Outcome) => {
      const fields = {
        endpoint: call.endpoint,
        ...contextFields(call.pluginContext),
        ...call.fields,
        status: outcome.status,
        duration: `${(performance.now() - started).toFixed(1)}ms`,
        error: outcome.error,
      };
      if (outcome.ok) {
        logger.debug('Plugin request completed', fields);
      } else {
        logger.warn('Plugin request failed', fields);
      }
    };
    try {
      const response = await next();
      line(call.outcome(response));
      return response;
    } catch (err) {
      line(thrownOutcome(call, err));
      throw err;
    }
  };
}

export function metricsMiddleware(metrics: RequestMetrics): Middleware {
  return async (call, next) => {
    const started = performance.now();
    const observe = (status: string) => metrics.observe(call.endpoint, status, (performance.now() - started) / 1000);
    try {
      const response = await next();
      observe(call.outcome(response).status);
      return response;
    } catch (err) {
      observe(thrownOutcome(call, err).status);
      throw err;
    }
  };
}

/**
 * A handler that throws must fail its request, never the process: the error becomes the endpoint's error
 * response where it has one, and is logged with its stack because it is a bug or an unhandled case.
 */
export function recoveryMiddleware(logger: Logger): Middleware {
  return async (call, next) => {
    try {
      return await next();
    } catch (err) {
      if (!call.ctx.signal.aborted) {
        logger.error('Handler threw', {
          endpoint: call.endpoint,
          ...call.fields,
          error: errorMessage(err),
          stack: err instanceof Error ? err.stack : undefined,
        });
      }
      if (call.recover) {
        return call.recover(err);
      }
      throw err;
    }
  };
}
