import { BadRequestError } from 'backend/grafana/errors';

/**
 * The data source is configured wrongly. Every message names the setting to fix (`jsonData.timeoutSeconds`, …),
 * because the person reading it is an admin looking at the configuration page, not at our code.
 */
export class InvalidSettingsError extends BadRequestError {
  constructor(readonly problems: string[]) {
    super(`Invalid data source settings: ${problems.join('; ')}`);
    this.name = 'InvalidSettingsError';
  }
}

/** The data source has no Prometheus URL yet: queries and health checks cannot do anything useful. */
export class MissingPrometheusUrlError extends BadRequestError {
  constructor() {
    super(
      'No Prometheus URL configured: set jsonData.prometheusUrl (or the data source URL) in the data source settings'
    );
    this.name = 'MissingPrometheusUrlError';
  }
}
