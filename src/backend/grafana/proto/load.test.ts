import { SERVICE, protocolDefinition, serviceDefinition } from './load';

describe('protocol definition', () => {
  it('serves the pluginv2, go-plugin and health methods at the paths Grafana calls', () => {
    const paths = Object.values(SERVICE).flatMap((name) =>
      Object.values(serviceDefinition(name)).map((method) => method.path)
    );
    expect(paths.sort()).toEqual(
      [
        '/grpc.health.v1.Health/Check',
        '/plugin.GRPCController/Shutdown',
        '/pluginv2.Data/QueryData',
        '/pluginv2.Diagnostics/CheckHealth',
        '/pluginv2.Diagnostics/CollectMetrics',
        '/pluginv2.Resource/CallResource',
      ].sort()
    );
    expect(serviceDefinition(SERVICE.resource).CallResource.responseStream).toBe(true);
  });

  it('decodes int64 as numbers, bytes as Buffers and absent fields as proto3 defaults', () => {
    const query = serviceDefinition(SERVICE.data).QueryData;
    const wire = query.requestSerialize({
      pluginContext: { orgId: 7, dataSourceInstanceSettings: { lastUpdatedMS: 1_700_000_000_123, uid: 'ds' } },
      queries: [{ refId: 'A', intervalMS: 60_000, json: Buffer.from('{"expr":"up"}') }],
    });
    const decoded = query.requestDeserialize(wire);
    expect(decoded.pluginContext.orgId).toBe(7);
    expect(decoded.pluginContext.dataSourceInstanceSettings.lastUpdatedMS).toBe(1_700_000_000_123);
    expect(decoded.pluginContext.user).toBeNull();
    expect(decoded.pluginContext.grafanaConfig).toEqual({});
    expect(decoded.queries[0].intervalMS).toBe(60_000);
    expect(Buffer.isBuffer(decoded.queries[0].json)).toBe(true);
    expect(decoded.queries[0].json.toString()).toBe('{"expr":"up"}');
    expect(decoded.queries[0].queryType).toBe('');
    expect(decoded.format).toBe('ARROW');
  });

  it('uses the upstream field numbers on the wire', () => {
    // CallResourceResponse.code = 1 (varint): tag byte (1 << 3) | 0 = 0x08.
    const response = serviceDefinition(SERVICE.resource).CallResource;
    const wire = response.responseSerialize({ code: 201 });
    expect(wire[0]).toBe(0x08);
    expect(response.responseDeserialize(wire).code).toBe(201);
  });

  it('is built once', () => {
    expect(protocolDefinition()).toBe(protocolDefinition());
  });
});
