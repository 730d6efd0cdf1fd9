/**
 * Protobuf → domain types (the counterpart of the Go SDK's convert_from_protobuf.go). Handlers get plain,
 * fully-populated objects: parsed jsonData, numbers for int64, no nulls where the domain says "absent".
 */
import type { CheckHealthRequest } from './diagnostics';
import type { DataQuery, QueryDataRequest } from './data';
import type { AppInstanceSettings, DataSourceInstanceSettings, PluginContext, User } from './plugin-context';
import type {
  PbAppInstanceSettings,
  PbCallResourceRequest,
  PbCheckHealthRequest,
  PbDataQuery,
  PbDataSourceInstanceSettings,
  PbPluginContext,
  PbQueryDataRequest,
  PbStringList,
  PbUser,
} from './proto/messages';
import type { CallResourceRequest } from './resource';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** jsonData is a JSON object when set; anything else (absent, `null`, garbage) reads as `{}`. */
function parseJsonData(bytes: Buffer | null | undefined): Record<string, unknown> {
  if (!bytes || bytes.length === 0) {
    return {};
  }
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return isPlainObject(value) ? value : {};
  } catch {
    return {};
  }
}

function user(pb: PbUser | null): User | undefined {
  return pb ? { login: pb.login, name: pb.name, email: pb.email, role: pb.role } : undefined;
}

function appInstanceSettings(pb: PbAppInstanceSettings | null): AppInstanceSettings | undefined {
  if (!pb) {
    return undefined;
  }
  return {
    jsonData: parseJsonData(pb.jsonData),
    decryptedSecureJsonData: { ...pb.decryptedSecureJsonData },
    lastUpdatedMs: pb.lastUpdatedMS,
    apiVersion: pb.apiVersion,
  };
}

function dataSourceInstanceSettings(pb: PbDataSourceInstanceSettings | null): DataSourceInstanceSettings | undefined {
  if (!pb) {
    return undefined;
  }
  return {
    uid: pb.uid,
    name: pb.name,
    url: pb.url,
    user: pb.user,
    database: pb.database,
    basicAuthEnabled: pb.basicAuthEnabled,
    basicAuthUser: pb.basicAuthUser,
    jsonData: parseJsonData(pb.jsonData),
    decryptedSecureJsonData: { ...pb.decryptedSecureJsonData },
    lastUpdatedMs: pb.lastUpdatedMS,
    apiVersion: pb.apiVersion,
  };
}

export function pluginContextFromProto(pb: PbPluginContext | null): PluginContext {
  if (!pb) {
    return { orgId: 0, pluginId: '', grafanaConfig: {}, pluginVersion: '', userAgent: '' };
  }
  return {
    orgId: pb.orgId,
    pluginId: pb.pluginId,
    user: user(pb.user),
    appInstanceSettings: appInstanceSettings(pb.appInstanceSettings),
    dataSourceInstanceSettings: dataSourceInstanceSettings(pb.dataSourceInstanceSettings),
    grafanaConfig: { ...pb.grafanaConfig },
    pluginVersion: pb.pluginVersion,
    userAgent: pb.userAgent,
  };
}

/**
 * The query model travels as JSON bytes. A parse failure is kept on the query (not thrown) so that only this
 * refId answers 400 and the other queries of the request still run.
 */
export function dataQueryFromProto(pb: PbDataQuery): DataQuery {
  const query: DataQuery = {
    refId: pb.refId,
    queryType: pb.queryType,
    maxDataPoints: pb.maxDataPoints,
    intervalMs: pb.intervalMS,
    timeRange: { from: pb.timeRange?.fromEpochMS ?? 0, to: pb.timeRange?.toEpochMS ?? 0 },
    json: {},
  };
  if (pb.json && pb.json.length > 0) {
    try {
      query.json = JSON.parse(pb.json.toString('utf8'));
    } catch (err) {
      query.json = undefined;
      query.jsonError = err instanceof Error ? err.message : String(err);
    }
  }
  return query;
}

export function queryDataRequestFromProto(pb: PbQueryDataRequest): QueryDataRequest {
  return {
    pluginContext: pluginContextFromProto(pb.pluginContext),
    headers: { ...pb.headers },
    queries: pb.queries.map(dataQueryFromProto),
  };
}

export function checkHealthRequestFromProto(pb: PbCheckHealthRequest): CheckHealthRequest {
  return { pluginContext: pluginContextFromProto(pb.pluginContext), headers: { ...pb.headers } };
}

function headersFromProto(pb: Record<string, PbStringList>): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(pb)) {
    headers[name] = [...(list?.values ?? [])];
  }
  return headers;
}

export function callResourceRequestFromProto(pb: PbCallResourceRequest): CallResourceRequest {
  return {
    pluginContext: pluginContextFromProto(pb.pluginContext),
    // Routes match on `incidents/42`; Grafana may or may not send the leading slash.
    path: pb.path.replace(/^\/+/, ''),
    method: pb.method.toUpperCase(),
    url: pb.url,
    headers: headersFromProto(pb.headers),
    body: pb.body ?? Buffer.alloc(0),
  };
}
