/**
 * HTTP vocabulary for resource routes: errors that carry their status, header and query access over Grafana's
 * CallResource shapes, and the response helpers. Every error answer is `{ "message": ... }`.
 */
import { PluginError } from 'backend/grafana/errors';
import type { CallResourceRequest, CallResourceResponse } from 'backend/grafana/resource';

export class HttpError extends PluginError {
  constructor(
    status: number,
    message: string,
    readonly headers: Record<string, string[]> = {}
  ) {
    super(message, status, status >= 500 ? 'downstream' : 'plugin');
    this.name = 'HttpError';
  }
}

/** First value of a header, whatever its case (Grafana canonicalises names, other callers may not). */
export function header(req: CallResourceRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(req.headers)) {
    if (key.toLowerCase() === wanted && values.length > 0) {
      return values[0];
    }
  }
  return undefined;
}

/** The query string of `req.url`, which may be a bare path, a Grafana API path or an absolute URL. */
export function queryOf(req: CallResourceRequest): URLSearchParams {
  try {
    return new URL(req.url || '/', 'http://plugin.invalid').searchParams;
  } catch {
    return new URLSearchParams();
  }
}

export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string[]> = {}
): CallResourceResponse {
  return {
    status,
    headers: { 'Content-Type': ['application/json'], ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}

export function errorResponse(
  status: number,
  message: string,
  headers: Record<string, string[]> = {}
): CallResourceResponse {
  return jsonResponse(status, { message }, headers);
}

/** A download: the browser saves it under `filename`. */
export function fileResponse(contentType: string, filename: string, body: string): CallResourceResponse {
  return {
    status: 200,
    headers: {
      'Content-Type': [contentType],
      'Content-Disposition': [`attachment; filename="${filename}"`],
    },
    body: Buffer.from(body),
  };
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
