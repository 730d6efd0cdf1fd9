/**
 * The protobuf messages as JavaScript objects, the shape @grpc/proto-loader produces with the options in
 * ./load.ts (defaults on, int64 as number, enums as names, bytes as Buffer). Only the adapters
 * (convert-from-protobuf.ts, convert-to-protobuf.ts) and the services see these; handlers never do.
 */

export interface PbAppInstanceSettings {
  jsonData: Buffer;
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMS: number;
  apiVersion: string;
}

export interface PbDataSourceInstanceSettings {
  id: number;
  name: string;
  url: string;
  user: string;
  database: string;
  basicAuthEnabled: boolean;
  basicAuthUser: string;
  jsonData: Buffer;
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMS: number;
  uid: string;
  apiVersion: string;
}

export interface PbUser {
  login: string;
  name: string;
  email: string;
  role: string;
}

/** Sub-messages Grafana leaves out decode as null (an alert evaluation has no user, an app no data source). */
export interface PbPluginContext {
  orgId: number;
  pluginId: string;
  user: PbUser | null;
  appInstanceSettings: PbAppInstanceSettings | null;
  dataSourceInstanceSettings: PbDataSourceInstanceSettings | null;
  grafanaConfig: Record<string, string>;
  pluginVersion: string;
  userAgent: string;
  apiVersion: string;
  namespace: string;
}

export interface PbStringList {
  values: string[];
}

export interface PbCallResourceRequest {
  pluginContext: PbPluginContext | null;
  path: string;
  method: string;
  url: string;
  headers: Record<string, PbStringList>;
  body: Buffer;
}

export interface PbCallResourceResponse {
  code: number;
  headers: Record<string, PbStringList>;
  body: Uint8Array;
}

export type PbDataFrameFormat = 'ARROW' | 'JSON';

export interface PbTimeRange {
  fromEpochMS: number;
  toEpochMS: number;
}

export interface PbDataQuery {
  refId: string;
  maxDataPoints: number;
  intervalMS: number;
  timeRange: PbTimeRange | null;
  json: Buffer;
  queryType: string;
}

export interface PbQueryDataRequest {
  pluginContext: PbPluginContext | null;
  headers: Record<string, string>;
  queries: PbDataQuery[];
  format: PbDataFrameFormat;
}

export interface PbDataResponse {
  frames: Uint8Array[];
  error: string;
  status: number;
  errorSource: string;
  format: PbDataFrameFormat;
}

export interface PbQueryDataResponse {
  responses: Record<string, PbDataResponse>;
}

export interface PbCheckHealthRequest {
  pluginContext: PbPluginContext | null;
  headers: Record<string, string>;
}

export type PbHealthStatus = 'UNKNOWN' | 'OK' | 'ERROR';

export interface PbCheckHealthResponse {
  status: PbHealthStatus;
  message: string;
  jsonDetails: Uint8Array;
}

export interface PbCollectMetricsRequest {
  pluginContext: PbPluginContext | null;
}

export interface PbCollectMetricsResponse {
  metrics: { prometheus: Uint8Array };
}

export interface PbHealthCheckRequest {
  service: string;
}

export type PbServingStatus = 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';

export interface PbHealthCheckResponse {
  status: PbServingStatus;
}

export type PbEmpty = Record<string, never>;
