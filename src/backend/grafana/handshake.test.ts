import { checkHandshakeEnv, handshakeLine } from './handshake';

describe('checkHandshakeEnv', () => {
  it('accepts the magic cookie with protocol 2 offered, in any position of the list', () => {
    expect(checkHandshakeEnv({ grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '2' })).toEqual({
      ok: true,
    });
    expect(checkHandshakeEnv({ grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '3, 2' })).toEqual({
      ok: true,
    });
  });

  it('accepts a missing version list when the cookie is set', () => {
    expect(checkHandshakeEnv({ grafana_plugin_type: 'datasource' })).toEqual({ ok: true });
  });

  it('refuses to run without the cookie, explaining that Grafana starts the plugin', () => {
    const missing = checkHandshakeEnv({ PLUGIN_PROTOCOL_VERSIONS: '2' });
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.message).toMatch(/Grafana backend plugin/);
    expect(checkHandshakeEnv({ grafana_plugin_type: 'app', PLUGIN_PROTOCOL_VERSIONS: '2' }).ok).toBe(false);
  });

  it('refuses protocol versions it does not speak', () => {
    const result = checkHandshakeEnv({ grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '1,3' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('offered only "1,3"');
  });
});

describe('handshakeLine', () => {
  it('is the five-field go-plugin line for gRPC over TCP', () => {
    expect(handshakeLine('127.0.0.1', 43210)).toBe('1|2|tcp|127.0.0.1:43210|grpc\n');
  });
});
