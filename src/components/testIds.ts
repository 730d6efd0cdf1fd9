/**
 * Test ids of the app's own UI, shared by the jest tests and the Playwright specs so a markup change breaks
 * loudly in one place. The `data-testid` prefix follows Grafana's convention for its e2e selectors.
 */
export const testIds = {
  appConfig: {
    container: 'data-testid traceo-app-config',
    dataSourcePicker: 'data-testid traceo-app-config-datasource',
    submit: 'data-testid traceo-app-config-submit',
    error: 'data-testid traceo-app-config-error',
  },
  overview: {
    container: 'data-testid traceo-overview',
    dataSourceStatus: 'data-testid traceo-overview-datasource-status',
    noDataSource: 'data-testid traceo-overview-no-datasource',
  },
  labeling: {
    container: 'data-testid traceo-labeling',
    noAnomalies: 'data-testid traceo-labeling-no-anomalies',
  },
  experiments: {
    container: 'data-testid traceo-experiments',
  },
  models: {
    container: 'data-testid traceo-models',
  },
  drift: {
    container: 'data-testid traceo-drift',
  },
} as const;
