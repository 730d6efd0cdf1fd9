import {
  callResourceRequestFromProto,
  dataQueryFromProto,
  pluginContextFromProto,
  queryDataRequestFromProto,
} from './convert-from-protobuf';
import type { PbDataQuery, PbPluginContext } from './proto/messages';

const pbContext: PbPluginContext = {
  orgId: 2,
  pluginId: 'traceo-ml-datasource',
  user: { login: 'ana', name: 'Ana', email: 'ana@example.com', role: 'Editor' },
  appInstanceSettings: null,
  dataSourceInstanceSettings: {
    id: 9,
    name: 'Traceo ML',
    url: '',
    user: '',
    database: '',
    basicAuthEnabled: false,
    basicAuthUser: '',
    jsonData: Buffer.from('{"prometheusUrl":"http://prom:9090","maxSeries":50}'),
    decryptedSecureJsonData: { bearerToken: 's3cret' },
    lastUpdatedMS: 1_700_000_000_000,
    uid: 'traceo-ml',
    apiVersion: '',
  },
  grafanaConfig: { GF_APP_URL: 'http://grafana:3000/' },
  pluginVersion: '0.1.0',
  userAgent: 'Grafana/13.1.0',
  apiVersion: '',
  namespace: 'default',
};

function pbQuery(overrides: Partial<PbDataQuery> = {}): PbDataQuery {
  return {
    refId: 'A',
    maxDataPoints: 1200,
    intervalMS: 15_000,
    timeRange: { fromEpochMS: 1000, toEpochMS: 2000 },
    json: Buffer.from('{"expr":"up","queryType":"anomaly"}'),
    queryType: 'anomaly',
    ...overrides,
  };
}

describe('pluginContextFromProto', () => {
  it('maps the context with parsed jsonData and camel-cased lastUpdatedMs', () => {
    const ctx = pluginContextFromProto(pbContext);
    expect(ctx).toMatchObject({
      orgId: 2,
      pluginId: 'traceo-ml-datasource',
      user: { login: 'ana', role: 'Editor' },
      grafanaConfig: { GF_APP_URL: 'http://grafana:3000/' },
      userAgent: 'Grafana/13.1.0',
    });
    expect(ctx.appInstanceSettings).toBeUndefined();
    expect(ctx.dataSourceInstanceSettings).toMatchObject({
      uid: 'traceo-ml',
      jsonData: { prometheusUrl: 'http://prom:9090', maxSeries: 50 },
      decryptedSecureJsonData: { bearerToken: 's3cret' },
      lastUpdatedMs: 1_700_000_000_000,
    });
  });

  it('reads absent users (alerting) and unusable jsonData as absent and {}', () => {
    for (const jsonData of ['', 'null', '[1,2]', '{broken']) {
      const ctx = pluginContextFromProto({
        ...pbContext,
        user: null,
        dataSourceInstanceSettings: { ...pbContext.dataSourceInstanceSettings!, jsonData: Buffer.from(jsonData) },
      });
      expect(ctx.user).toBeUndefined();
      expect(ctx.dataSourceInstanceSettings!.jsonData).toEqual({});
    }
  });

  it('gives an empty context when Grafana sent none', () => {
    expect(pluginContextFromProto(null)).toEqual({
      orgId: 0,
      pluginId: '',
      grafanaConfig: {},
      pluginVersion: '',
      userAgent: '',
    });
  });
});

describe('dataQueryFromProto', () => {
  it('maps time range, interval and the parsed query model', () => {
    expect(dataQueryFromProto(pbQuery())).toEqual({
      refId: 'A',
      queryType: 'anomaly',
      maxDataPoints: 1200,
      intervalMs: 15_000,
      timeRange: { from: 1000, to: 2000 },
      json: { expr: 'up', queryType: 'anomaly' },
    });
  });

  it('keeps a JSON error on the query instead of throwing', () => {
    const query = dataQueryFromProto(pbQuery({ json: Buffer.from('{"expr": ') }));
    expect(query.json).toBeUndefined();
    expect(query.jsonError).toEqual(expect.any(String));
    expect(query.jsonError).not.toBe('');
  });

  it('reads missing JSON and time range as empty', () => {
    const query = dataQueryFromProto(pbQuery({ json: Buffer.alloc(0), timeRange: null }));
    expect(query.json).toEqual({});
    expect(query.timeRange).toEqual({ from: 0, to: 0 });
  });
});

describe('queryDataRequestFromProto', () => {
  it('maps headers and every query', () => {
    const req = queryDataRequestFromProto({
      pluginContext: pbContext,
      headers: { FromAlert: 'true' },
      queries: [pbQuery(), pbQuery({ refId: 'B' })],
      format: 'ARROW',
    });
    expect(req.headers).toEqual({ FromAlert: 'true' });
    expect(req.queries.map((q) => q.refId)).toEqual(['A', 'B']);
  });
});

describe('callResourceRequestFromProto', () => {
  it('strips leading slashes from the path, upper-cases the method and flattens headers', () => {
    const req = callResourceRequestFromProto({
      pluginContext: pbContext,
      path: '/incidents/42',
      method: 'patch',
      url: '/api/datasources/uid/traceo-ml/resources/incidents/42?x=1',
      headers: { Accept: { values: ['application/json'] } },
      body: Buffer.from('{}'),
    });
    expect(req).toMatchObject({
      path: 'incidents/42',
      method: 'PATCH',
      url: '/api/datasources/uid/traceo-ml/resources/incidents/42?x=1',
      headers: { Accept: ['application/json'] },
    });
    expect(req.body.toString()).toBe('{}');
  });
});
