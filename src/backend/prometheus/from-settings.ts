import { MissingPrometheusUrlError } from 'backend/settings/errors';
import type { TraceoSettings } from 'backend/settings/traceo-settings';
import { PrometheusClient } from './client';

/** The client for one data source instance; throws MissingPrometheusUrlError when no URL is configured. */
export function createPrometheusClient(settings: TraceoSettings): PrometheusClient {
  if (!settings.prometheusUrl) {
    throw new MissingPrometheusUrlError();
  }
  return new PrometheusClient({
    url: settings.prometheusUrl,
    auth: settings.auth,
    customHeaders: settings.customHeaders,
    tls: settings.tls,
    timeoutMs: settings.timeoutMs,
    maxSeries: settings.maxSeries,
  });
}
