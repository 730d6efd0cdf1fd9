/** CallResource (pluginv2.Resource): HTTP-like requests under /api/datasources/uid/<uid>/resources/. */
import type { CallContext } from './data';
import type { PluginContext } from './plugin-context';

export interface CallResourceRequest {
  pluginContext: PluginContext;
  /** Path below `resources/`, without a leading slash, e.g. `incidents/42`. */
  path: string;
  method: string;
  /** Full URL including the query string as Grafana received it. */
  url: string;
  headers: Record<string, string[]>;
  body: Buffer;
}

export interface CallResourceResponse {
  status: number;
  headers?: Record<string, string[]>;
  body?: Buffer | string;
}

export type CallResourceHandler = (req: CallResourceRequest, ctx: CallContext) => Promise<CallResourceResponse>;

export function jsonResource(status: number, value: unknown): CallResourceResponse {
  return {
    status,
    headers: { 'Content-Type': ['application/json'] },
    body: Buffer.from(JSON.stringify(value)),
  };
}
