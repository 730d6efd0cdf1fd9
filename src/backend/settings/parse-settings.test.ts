import type { DataSourceInstanceSettings } from 'backend/grafana/plugin-context';
import { DEFAULT_MAX_SERIES, DEFAULT_TIMEOUT_SECONDS } from 'contract/settings';
import { InvalidSettingsError } from './errors';
import { parseTraceoSettings } from './parse-settings';

function instance(overrides: Partial<DataSourceInstanceSettings> = {}): DataSourceInstanceSettings {
  return {
    uid: 'traceo-ml',
    name: 'Traceo ML',
    url: '',
    user: '',
    database: '',
    basicAuthEnabled: false,
    basicAuthUser: '',
    jsonData: {},
    decryptedSecureJsonData: {},
    lastUpdatedMs: 1,
    apiVersion: '',
    ...overrides,
  };
}

function problemsOf(settings: DataSourceInstanceSettings): string[] {
  try {
    parseTraceoSettings(settings);
  } catch (err) {
    if (err instanceof InvalidSettingsError) {
      return err.problems;
    }
    throw err;
  }
  throw new Error('expected the settings to be rejected');
}

describe('parseTraceoSettings', () => {
  it('applies defaults to an empty configuration and leaves the URL unset', () => {
    const s = parseTraceoSettings(instance());
    expect(s.prometheusUrl).toBeUndefined();
    expect(s.auth).toEqual({ method: 'none' });
    expect(s.customHeaders).toEqual([]);
    expect(s.tls).toEqual({ skipVerify: false });
    expect(s.timeoutMs).toBe(DEFAULT_TIMEOUT_SECONDS * 1000);
    expect(s.maxSeries).toBe(DEFAULT_MAX_SERIES);
  });

  it('prefers jsonData.prometheusUrl and falls back to Grafana url', () => {
    const both = instance({ url: 'http://grafana-field:9090', jsonData: { prometheusUrl: 'http://json:9090/prom' } });
    expect(parseTraceoSettings(both).prometheusUrl?.href).toBe('http://json:9090/prom');
    expect(parseTraceoSettings(instance({ url: 'http://grafana-field:9090' })).prometheusUrl?.host).toBe(
      'grafana-field:9090'
    );
  });

  it.each([
    ['not a url', 'jsonData.prometheusUrl is not a valid URL'],
    ['ftp://prom:21', 'jsonData.prometheusUrl must start with http:// or https://'],
    ['http://admin:secret@prom:9090', 'jsonData.prometheusUrl must not contain credentials'],
  ])('rejects prometheusUrl %j naming the key and never echoing it', (url, message) => {
    const problems = problemsOf(instance({ jsonData: { prometheusUrl: url } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
    expect(problems[0]).not.toContain('secret');
  });

  it('coerces the representations provisioning YAML produces', () => {
    const s = parseTraceoSettings(
      instance({ jsonData: { timeoutSeconds: '12.5', maxSeries: '10', tlsSkipVerify: 'true', authMethod: '' } })
    );
    expect(s.timeoutMs).toBe(12_500);
    expect(s.maxSeries).toBe(10);
    expect(s.tls.skipVerify).toBe(true);
    expect(s.auth.method).toBe('none');
  });

  it('accepts an incremental-query overlap window as a Prometheus duration, and names a bad one', () => {
    expect(() => parseTraceoSettings(instance({ jsonData: { incrementalQueryOverlapWindow: '30m' } }))).not.toThrow();
    expect(() => parseTraceoSettings(instance({ jsonData: { incrementalQueryOverlapWindow: '' } }))).not.toThrow();
    expect(problemsOf(instance({ jsonData: { incrementalQueryOverlapWindow: 'soon' } }))).toEqual([
      expect.stringContaining('jsonData.incrementalQueryOverlapWindow must be a Prometheus duration longer than 0s'),
    ]);
    expect(problemsOf(instance({ jsonData: { incrementalQueryOverlapWindow: '0s' } }))).toHaveLength(1);
    expect(problemsOf(instance({ jsonData: { incrementalQueryOverlapWindow: '2d' } }))).toEqual([
      expect.stringContaining('jsonData.incrementalQueryOverlapWindow must be at most 1d'),
    ]);
  });

  it('collects every invalid key in one error', () => {
    const problems = problemsOf(
      instance({ jsonData: { timeoutSeconds: -1, maxSeries: 2.5, authMethod: 'oauth', tlsSkipVerify: 'maybe' } })
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('jsonData.timeoutSeconds must be greater than 0'),
        expect.stringContaining('jsonData.maxSeries must be a whole number'),
        expect.stringContaining('jsonData.authMethod must be one of none, basic, bearer'),
        expect.stringContaining('jsonData.tlsSkipVerify must be true or false'),
      ])
    );
  });

  it('builds basic auth from jsonData, or from Grafana basicAuth fields as a fallback', () => {
    const explicit = instance({
      jsonData: { authMethod: 'basic', basicAuthUser: 'alice' },
      decryptedSecureJsonData: { basicAuthPassword: 'pw' },
    });
    expect(parseTraceoSettings(explicit).auth).toEqual({ method: 'basic', user: 'alice', password: 'pw' });

    const stock = instance({
      basicAuthEnabled: true,
      basicAuthUser: 'bob',
      decryptedSecureJsonData: { basicAuthPassword: 'pw2' },
    });
    expect(parseTraceoSettings(stock).auth).toEqual({ method: 'basic', user: 'bob', password: 'pw2' });
  });

  it('names the missing secret for basic and bearer auth', () => {
    expect(problemsOf(instance({ jsonData: { authMethod: 'basic' } }))).toEqual([
      expect.stringContaining('jsonData.basicAuthUser is required'),
      expect.stringContaining('secureJsonData.basicAuthPassword is required'),
    ]);
    expect(problemsOf(instance({ jsonData: { authMethod: 'bearer' } }))).toEqual([
      expect.stringContaining('secureJsonData.bearerToken is required'),
    ]);
    const bearer = instance({ jsonData: { authMethod: 'bearer' }, decryptedSecureJsonData: { bearerToken: ' t0k ' } });
    expect(parseTraceoSettings(bearer).auth).toEqual({ method: 'bearer', token: 't0k' });
  });

  it('reads custom headers 1..5 with their secure values and skips unnamed slots', () => {
    const s = parseTraceoSettings(
      instance({
        jsonData: { httpHeaderName1: 'X-Scope-OrgID', httpHeaderName3: ' X-Api-Key ', httpHeaderName6: 'X-Ignored' },
        decryptedSecureJsonData: { httpHeaderValue1: 'tenant-a', httpHeaderValue2: 'orphan', httpHeaderValue3: 'k' },
      })
    );
    expect(s.customHeaders).toEqual([
      { name: 'X-Scope-OrgID', value: 'tenant-a' },
      { name: 'X-Api-Key', value: 'k' },
    ]);
  });

  it('rejects invalid, reserved, duplicate and conflicting custom headers', () => {
    const problems = problemsOf(
      instance({
        jsonData: {
          authMethod: 'bearer',
          httpHeaderName1: 'Bad Header',
          httpHeaderName2: 'Content-Length',
          httpHeaderName3: 'authorization',
          httpHeaderName4: 'X-A',
          httpHeaderName5: 'x-a',
        },
        decryptedSecureJsonData: { bearerToken: 't' },
      })
    );
    expect(problems).toEqual([
      expect.stringContaining('jsonData.httpHeaderName1 "Bad Header" is not a valid HTTP header name'),
      expect.stringContaining('jsonData.httpHeaderName2 "Content-Length" is set by the plugin'),
      expect.stringContaining('jsonData.httpHeaderName3 "Authorization" conflicts with authMethod "bearer"'),
      expect.stringContaining('jsonData.httpHeaderName5 "x-a" is configured twice'),
    ]);
  });

  it('rejects header values that would split the request', () => {
    const problems = problemsOf(
      instance({ jsonData: { httpHeaderName1: 'X-A' }, decryptedSecureJsonData: { httpHeaderValue1: 'a\r\nHost: x' } })
    );
    expect(problems).toEqual([expect.stringContaining('secureJsonData.httpHeaderValue1 must not contain line breaks')]);
  });

  it('requires a PEM CA certificate when tlsWithCACert (or Grafana tlsAuthWithCACert) is on', () => {
    expect(problemsOf(instance({ jsonData: { tlsWithCACert: true } }))).toEqual([
      expect.stringContaining('secureJsonData.tlsCACert is required'),
    ]);
    expect(
      problemsOf(instance({ jsonData: { tlsAuthWithCACert: true }, decryptedSecureJsonData: { tlsCACert: 'garbage' } }))
    ).toEqual([expect.stringContaining('must be a PEM certificate')]);
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    const ok = parseTraceoSettings(
      instance({ jsonData: { tlsWithCACert: 'true' }, decryptedSecureJsonData: { tlsCACert: pem } })
    );
    expect(ok.tls).toEqual({ skipVerify: false, caCert: pem });
  });

  it('reports problems as a 400 that names the settings', () => {
    expect(() => parseTraceoSettings(instance({ jsonData: { maxSeries: 0 } }))).toThrow(
      expect.objectContaining({
        status: 400,
        message: expect.stringContaining('jsonData.maxSeries must be at least 1'),
      })
    );
  });
});
