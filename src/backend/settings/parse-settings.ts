/**
 * DataSourceInstanceSettings (as Grafana sends them on every request) → validated TraceoSettings.
 * All problems are collected and reported together, so an admin fixes the configuration in one round trip.
 */
import type { DataSourceInstanceSettings } from 'backend/grafana/plugin-context';
import { DEFAULT_MAX_SERIES, DEFAULT_TIMEOUT_SECONDS } from 'contract/settings';
import { readCustomHeaders } from './custom-headers';
import { InvalidSettingsError } from './errors';
import { jsonDataSchema, type ParsedJsonData } from './json-data-schema';
import type { PrometheusAuth, TlsSettings, TraceoSettings } from './traceo-settings';

export function parseTraceoSettings(instance: DataSourceInstanceSettings): TraceoSettings {
  const problems: string[] = [];
  const parsed = jsonDataSchema.safeParse(instance.jsonData ?? {});
  const jsonData: ParsedJsonData = parsed.success ? parsed.data : {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`jsonData.${issue.path.join('.')} ${issue.message}`);
    }
  }
  const secure = instance.decryptedSecureJsonData ?? {};

  const prometheusUrl = readPrometheusUrl(jsonData, instance, problems);
  const auth = readAuth(jsonData, instance, secure, problems);
  const tls = readTls(jsonData, secure, problems);
  const custom = readCustomHeaders(instance.jsonData ?? {}, secure, auth);
  problems.push(...custom.problems);

  if (problems.length > 0) {
    throw new InvalidSettingsError(problems);
  }
  return {
    prometheusUrl,
    auth,
    customHeaders: custom.headers,
    tls,
    timeoutMs: (jsonData.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    maxSeries: jsonData.maxSeries ?? DEFAULT_MAX_SERIES,
  };
}

/** jsonData.prometheusUrl wins; Grafana's own URL field is the fallback for data sources set up the stock way. */
function readPrometheusUrl(
  jsonData: ParsedJsonData,
  instance: DataSourceInstanceSettings,
  problems: string[]
): URL | undefined {
  const fromJsonData = jsonData.prometheusUrl;
  const key = fromJsonData !== undefined ? 'jsonData.prometheusUrl' : 'url';
  const text = fromJsonData ?? instance.url?.trim();
  if (!text) {
    return undefined;
  }
  // The value itself is never echoed: a malformed URL may still carry a password.
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(`${key} is not a valid URL (expected e.g. http://prometheus:9090)`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`${key} must start with http:// or https://`);
    return undefined;
  }
  if (url.username || url.password) {
    // jsonData is readable by every viewer of the data source, so credentials there would leak.
    problems.push(`${key} must not contain credentials: use authMethod "basic" and secureJsonData.basicAuthPassword`);
    return undefined;
  }
  url.hash = '';
  return url;
}

function readAuth(
  jsonData: ParsedJsonData,
  instance: DataSourceInstanceSettings,
  secure: Record<string, string>,
  problems: string[]
): PrometheusAuth {
  const method = jsonData.authMethod ?? (instance.basicAuthEnabled ? 'basic' : 'none');
  switch (method) {
    case 'none':
      return { method };
    case 'basic': {
      const user = jsonData.basicAuthUser ?? (instance.basicAuthUser || undefined);
      const password = secure.basicAuthPassword;
      if (!user) {
        problems.push('jsonData.basicAuthUser is required when authMethod is "basic"');
      }
      if (!password) {
        problems.push('secureJsonData.basicAuthPassword is required when authMethod is "basic"');
      }
      return { method, user: user ?? '', password: password ?? '' };
    }
    case 'bearer': {
      const token = secure.bearerToken?.trim();
      if (!token) {
        problems.push('secureJsonData.bearerToken is required when authMethod is "bearer"');
      } else if (/[\r\n\0]/.test(token)) {
        problems.push('secureJsonData.bearerToken must not contain line breaks');
      }
      return { method, token: token ?? '' };
    }
  }
}

function readTls(jsonData: ParsedJsonData, secure: Record<string, string>, problems: string[]): TlsSettings {
  const skipVerify = jsonData.tlsSkipVerify ?? false;
  const withCA = jsonData.tlsWithCACert ?? jsonData.tlsAuthWithCACert ?? false;
  if (!withCA) {
    return { skipVerify };
  }
  const caCert = secure.tlsCACert?.trim();
  if (!caCert) {
    problems.push('secureJsonData.tlsCACert is required when jsonData.tlsWithCACert is true');
    return { skipVerify };
  }
  if (!caCert.includes('-----BEGIN CERTIFICATE-----')) {
    problems.push('secureJsonData.tlsCACert must be a PEM certificate (-----BEGIN CERTIFICATE-----)');
    return { skipVerify };
  }
  return { skipVerify, caCert };
}
