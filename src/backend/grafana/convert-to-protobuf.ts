/**
 * Domain types → protobuf (the counterpart of the Go SDK's convert_to_protobuf.go), applying the rules
 * Grafana enforces on the other side (grafana-protocol.md §3): every DataResponse carries a status, frames
 * are Arrow IPC files, jsonDetails is a JSON object or nothing, a resource response always has a code.
 */
import { encodeFrame } from './arrow';
import type { DataResponse, QueryDataResponse } from './data';
import type { CheckHealthResult } from './diagnostics';
import type {
  PbCallResourceResponse,
  PbCheckHealthResponse,
  PbCollectMetricsResponse,
  PbDataResponse,
  PbQueryDataResponse,
  PbStringList,
} from './proto/messages';
import type { CallResourceResponse } from './resource';

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * A frame that cannot be encoded fails its own refId (500, plugin) instead of the whole response: Grafana
 * would otherwise drop every query of the panel.
 */
export function dataResponseToProto(refId: string, response: DataResponse): PbDataResponse {
  let frames: Uint8Array[];
  try {
    frames = response.frames.map((frame) => encodeFrame(frame, frame.refId || refId));
  } catch (err) {
    return {
      frames: [],
      error: `could not encode the result of query ${refId}: ${errorMessage(err)}`,
      status: 500,
      errorSource: 'plugin',
      format: 'ARROW',
    };
  }
  const failed = Boolean(response.error);
  return {
    frames,
    error: response.error ?? '',
    // Grafana reads 0 as "unknown"; say what happened.
    status: response.status ?? (failed ? 500 : 200),
    errorSource: failed ? (response.errorSource ?? 'plugin') : (response.errorSource ?? ''),
    format: 'ARROW',
  };
}

export function queryDataResponseToProto(response: QueryDataResponse): PbQueryDataResponse {
  const responses: Record<string, PbDataResponse> = {};
  for (const [refId, dataResponse] of response) {
    responses[refId] = dataResponseToProto(refId, dataResponse);
  }
  return { responses };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Grafana answers 500 "Failed to unmarshal detailed response" for jsonDetails that is not an object. */
export function checkHealthResultToProto(result: CheckHealthResult): PbCheckHealthResponse {
  const details = isPlainObject(result.jsonDetails) ? Buffer.from(JSON.stringify(result.jsonDetails)) : Buffer.alloc(0);
  return { status: result.status, message: result.message, jsonDetails: details };
}

function headersToProto(headers: Record<string, string[]> | undefined): Record<string, PbStringList> {
  const pb: Record<string, PbStringList> = {};
  for (const [name, values] of Object.entries(headers ?? {})) {
    pb[name] = { values: [...values] };
  }
  return pb;
}

/** Go's http.ResponseWriter panics on codes below 100; anything that is not an HTTP status becomes a 500. */
function validStatus(status: number): number {
  return Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
}

export function callResourceResponseToProto(response: CallResourceResponse): PbCallResourceResponse {
  const { body } = response;
  return {
    code: validStatus(response.status),
    headers: headersToProto(response.headers),
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : (body ?? Buffer.alloc(0)),
  };
}

export function collectMetricsResponseToProto(exposition: string): PbCollectMetricsResponse {
  return { metrics: { prometheus: Buffer.from(exposition, 'utf8') } };
}
