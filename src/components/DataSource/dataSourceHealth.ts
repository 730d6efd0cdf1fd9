import { lastValueFrom } from 'rxjs';

import { FetchError, getBackendSrv, isFetchError } from '@grafana/runtime';

import { fetchErrorMessage } from 'components/fetchErrorMessage';

export type DataSourceHealth = { status: 'ok'; message: string } | { status: 'error'; message: string; hint?: string };

interface HealthResponseBody {
  status?: string;
  message?: string;
}

/**
 * Runs the data source's CheckHealth through Grafana (`/api/datasources/uid/<uid>/health`), the same call as
 * "Save & test". Never throws: every failure becomes a message the Overview page can show as is.
 */
export async function fetchDataSourceHealth(uid: string): Promise<DataSourceHealth> {
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<HealthResponseBody>({
        url: `/api/datasources/uid/${encodeURIComponent(uid)}/health`,
        method: 'GET',
        // The page renders the failure itself; a global toast on top of it would only repeat it.
        showErrorAlert: false,
      })
    );
    const body = response.data ?? {};
    if (body.status && body.status !== 'OK') {
      return { status: 'error', message: body.message || `Health check returned ${body.status}` };
    }
    return { status: 'ok', message: body.message || 'Data source is working' };
  } catch (error) {
    return toHealthError(error);
  }
}

function toHealthError(error: unknown): DataSourceHealth {
  const message = fetchErrorMessage(error, 'Health check failed');
  return { status: 'error', message, hint: isFetchError(error) ? hintFor(error) : undefined };
}

/** Grafana's status codes on this endpoint each point to a different fix; say which one. */
function hintFor(error: FetchError): string | undefined {
  switch (error.status) {
    case 503:
      return (
        'Grafana could not reach the Traceo ML backend process. Check that the plugin is allowed to load unsigned ' +
        '(allow_loading_unsigned_plugins) and that the executable in datasource/ is present and executable.'
      );
    case 404:
      return 'Grafana does not know this data source. It may have been deleted; pick another one in the app configuration.';
    case 400:
      return 'The Traceo ML backend is running but the check failed: open the data source settings and fix the connection to Prometheus.';
    default:
      return undefined;
  }
}
