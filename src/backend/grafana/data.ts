/** QueryData: what Grafana asks for and what a handler answers (pluginv2.Data/QueryData). */
import type { Frame } from './frame';
import type { PluginContext } from './plugin-context';

export interface TimeRange {
  /** Epoch milliseconds. */
  from: number;
  to: number;
}

export interface DataQuery {
  refId: string;
  queryType: string;
  maxDataPoints: number;
  intervalMs: number;
  timeRange: TimeRange;
  /** The panel's query model as parsed JSON; `undefined` when the bytes were not valid JSON (see jsonError). */
  json: unknown;
  /** Set when DataQuery.json could not be parsed, so handlers can answer a clear per-refId error. */
  jsonError?: string;
}

export interface QueryDataRequest {
  pluginContext: PluginContext;
  /** Forwarded headers; alert evaluations carry `FromAlert: "true"`. */
  headers: Record<string, string>;
  queries: DataQuery[];
}

/** Who is to blame for an error: Grafana uses it for SLOs and the UI shows it. */
export type ErrorSource = 'plugin' | 'downstream';

export interface DataResponse {
  frames: Frame[];
  error?: string;
  /** HTTP-like status per refId; a failed refId makes /api/ds/query answer 207 while the others succeed. */
  status?: number;
  errorSource?: ErrorSource;
}

/** Keyed by refId. */
export type QueryDataResponse = Map<string, DataResponse>;

/** Cancellation and deadline of the gRPC call, so handlers can stop talking to Prometheus early. */
export interface CallContext {
  signal: AbortSignal;
}

export type QueryDataHandler = (req: QueryDataRequest, ctx: CallContext) => Promise<QueryDataResponse>;

/** One query's handler, as routed by the query type mux. */
export type QueryHandler = (query: DataQuery, req: QueryDataRequest, ctx: CallContext) => Promise<DataResponse>;

export function errorResponse(status: number, message: string, errorSource: ErrorSource = 'plugin'): DataResponse {
  return { frames: [], error: message, status, errorSource };
}

export function isFromAlerting(req: QueryDataRequest): boolean {
  return req.headers.FromAlert === 'true' || req.headers.fromAlert === 'true';
}
