/**
 * Prometheus HTTP API client (/api/v1): range and instant queries, series lookup and build info. Works with
 * Prometheus-compatible backends (Mimir, Thanos, VictoriaMetrics) since it only uses the stable v1 endpoints.
 * Queries go out as form-encoded POSTs, like Grafana's Prometheus data source, so long PromQL never hits URL
 * length limits in proxies.
 */
import type { CustomHeader, PrometheusAuth, TlsSettings } from 'backend/settings/traceo-settings';
import { fromErrorResponse, fromTransportError, PrometheusUnavailableError, TooMuchDataError } from './errors';
import { createNodeHttpTransport, TransportError, type HttpTransport, type TransportResponse } from './http-transport';
import { parseMatrix, parseVector, type Labels, type PromSample, type PromSeries } from './samples';

/** Decompressed response size we refuse beyond: ~2,000 series × 11,000 points of JSON, far past any panel. */
export const DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024 * 1024;

export interface PrometheusClientConfig {
  url: URL;
  auth: PrometheusAuth;
  customHeaders: CustomHeader[];
  tls: TlsSettings;
  timeoutMs: number;
  /** Results with more series than this are refused with TooMuchDataError. */
  maxSeries: number;
  maxResponseBytes?: number;
}

/** Prometheus' `warnings` (e.g. "PromQL info: metric might not be a counter") and, since 2.45, `infos`. */
export interface QueryAnnotations {
  warnings: string[];
  infos: string[];
}

export interface RangeQueryResult extends QueryAnnotations {
  series: PromSeries[];
}

export interface InstantQueryResult extends QueryAnnotations {
  samples: PromSample[];
}

export interface BuildInfo {
  version: string;
  revision?: string;
  goVersion?: string;
}

interface SuccessEnvelope {
  status: 'success';
  data: unknown;
  warnings?: string[];
  infos?: string[];
}

export class PrometheusClient {
  /** The URL as shown in messages: scheme, host and path only. */
  readonly displayUrl: string;
  private readonly headers: Record<string, string>;
  private readonly maxResponseBytes: number;

  constructor(
    private readonly config: PrometheusClientConfig,
    private readonly transport: HttpTransport = createNodeHttpTransport({ tls: config.tls })
  ) {
    this.displayUrl = `${config.url.origin}${config.url.pathname.replace(/\/+$/, '')}`;
    this.headers = buildHeaders(config);
    this.maxResponseBytes = config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  /** `expr` evaluated every `stepSeconds` from startMs to endMs (epoch ms, both inclusive). */
  async queryRange(
    expr: string,
    startMs: number,
    endMs: number,
    stepSeconds: number,
    signal?: AbortSignal
  ): Promise<RangeQueryResult> {
    const envelope = await this.call(
      'POST',
      'api/v1/query_range',
      { query: expr, start: seconds(startMs), end: seconds(endMs), step: String(stepSeconds) },
      signal
    );
    const data = envelope.data as { resultType?: string; result?: unknown };
    if (data?.resultType !== 'matrix') {
      throw this.unexpected(`query_range answered resultType "${data?.resultType}" instead of "matrix"`);
    }
    this.checkSeriesCount(data.result);
    return { series: parseMatrix(data.result), ...annotations(envelope) };
  }

  /** `expr` evaluated at one instant. Scalars and strings are refused: they carry no series. */
  async query(expr: string, timeMs: number, signal?: AbortSignal): Promise<InstantQueryResult> {
    const envelope = await this.call('POST', 'api/v1/query', { query: expr, time: seconds(timeMs) }, signal);
    const data = envelope.data as { resultType?: string; result?: unknown };
    if (data?.resultType !== 'vector') {
      throw this.unexpected(`query answered resultType "${data?.resultType}"; only instant vectors are supported`);
    }
    this.checkSeriesCount(data.result);
    return { samples: parseVector(data.result), ...annotations(envelope) };
  }

  /** Label sets of the series matching any of the selectors within the range. */
  async series(matchers: string[], startMs: number, endMs: number, signal?: AbortSignal): Promise<Labels[]> {
    const params = new URLSearchParams({ start: seconds(startMs), end: seconds(endMs) });
    for (const match of matchers) {
      params.append('match[]', match);
    }
    const envelope = await this.call('POST', 'api/v1/series', params, signal);
    if (!Array.isArray(envelope.data)) {
      throw this.unexpected('series answered no list');
    }
    this.checkSeriesCount(envelope.data);
    return envelope.data as Labels[];
  }

  /** Version information; Prometheus-compatible servers without this endpoint answer 404. */
  async buildInfo(signal?: AbortSignal): Promise<BuildInfo> {
    const envelope = await this.call('GET', 'api/v1/status/buildinfo', undefined, signal);
    const data = envelope.data as Partial<BuildInfo> | undefined;
    if (typeof data?.version !== 'string') {
      throw this.unexpected('buildinfo has no version');
    }
    return { version: data.version, revision: data.revision, goVersion: data.goVersion };
  }

  close(): void {
    this.transport.close();
  }

  private async call(
    method: 'GET' | 'POST',
    endpoint: string,
    params: Record<string, string> | URLSearchParams | undefined,
    signal: AbortSignal | undefined
  ): Promise<SuccessEnvelope> {
    const url = new URL(this.config.url.href);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${endpoint}`;
    const form = params === undefined ? undefined : new URLSearchParams(params).toString();
    const display = `${this.displayUrl}/${endpoint}`;
    let response: TransportResponse;
    try {
      response = await this.transport.send({
        method,
        url,
        headers:
          form === undefined ? this.headers : { ...this.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form,
        timeoutMs: this.config.timeoutMs,
        signal,
        maxResponseBytes: this.maxResponseBytes,
      });
    } catch (err) {
      if (err instanceof TransportError) {
        throw fromTransportError(err, {
          url: display,
          timeoutMs: this.config.timeoutMs,
          maxResponseBytes: this.maxResponseBytes,
        });
      }
      throw err;
    }
    return this.decode(response, display);
  }

  private decode(response: TransportResponse, display: string): SuccessEnvelope {
    const text = response.body.toString('utf8');
    let envelope: { status?: string; errorType?: string; error?: string } | undefined;
    try {
      envelope = JSON.parse(text);
    } catch {
      envelope = undefined;
    }
    const ok = response.status >= 200 && response.status < 300;
    if (!ok || envelope?.status !== 'success') {
      if (ok && envelope === undefined) {
        throw this.unexpected(`${display} did not answer JSON (content-type "${response.contentType}")`);
      }
      throw fromErrorResponse(response.status, envelope, text, display);
    }
    return envelope as SuccessEnvelope;
  }

  private checkSeriesCount(result: unknown): void {
    if (Array.isArray(result) && result.length > this.config.maxSeries) {
      throw new TooMuchDataError(
        `The query returned ${result.length} series, more than the limit of ${this.config.maxSeries} ` +
          '(jsonData.maxSeries): add label matchers or aggregate (sum by, topk)'
      );
    }
  }

  private unexpected(detail: string): PrometheusUnavailableError {
    return new PrometheusUnavailableError('bad-response', `Unexpected response from Prometheus: ${detail}`, 502);
  }
}

function buildHeaders(config: PrometheusClientConfig): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'User-Agent': 'traceo-ml-datasource',
  };
  const { auth } = config;
  if (auth.method === 'basic') {
    headers.Authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  } else if (auth.method === 'bearer') {
    headers.Authorization = `Bearer ${auth.token}`;
  }
  for (const { name, value } of config.customHeaders) {
    // Header names are case-insensitive: a custom `user-agent` replaces ours instead of being sent twice.
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === name.toLowerCase()) {
        delete headers[key];
      }
    }
    headers[name] = value;
  }
  return headers;
}

function annotations(envelope: SuccessEnvelope): QueryAnnotations {
  return { warnings: envelope.warnings ?? [], infos: envelope.infos ?? [] };
}

/** Epoch seconds with millisecond precision, the way the HTTP API takes timestamps. */
function seconds(ms: number): string {
  return String(ms / 1000);
}
