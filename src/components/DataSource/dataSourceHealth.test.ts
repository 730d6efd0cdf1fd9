import { of, throwError } from 'rxjs';

import { FetchError } from '@grafana/runtime';

import { fetchDataSourceHealth } from './dataSourceHealth';

const mockFetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

function fetchError(status: number, data: unknown): FetchError {
  return { status, statusText: `HTTP ${status}`, data, config: { url: '' } } as FetchError;
}

describe('fetchDataSourceHealth', () => {
  beforeEach(() => mockFetch.mockReset());

  it('calls the health endpoint of the data source without a global error toast', async () => {
    mockFetch.mockReturnValue(of({ data: { status: 'OK', message: 'Prometheus 3.1.0 is reachable' } }));

    await expect(fetchDataSourceHealth('my uid')).resolves.toEqual({
      status: 'ok',
      message: 'Prometheus 3.1.0 is reachable',
    });
    expect(mockFetch).toHaveBeenCalledWith({
      url: '/api/datasources/uid/my%20uid/health',
      method: 'GET',
      showErrorAlert: false,
    });
  });

  it("passes the backend's message on when the check fails", async () => {
    mockFetch.mockReturnValue(throwError(() => fetchError(400, { status: 'ERROR', message: 'connection refused' })));

    const health = await fetchDataSourceHealth('traceo-ml');

    expect(health).toMatchObject({ status: 'error', message: 'connection refused' });
    expect(health.status === 'error' && health.hint).toMatch(/connection to Prometheus/);
  });

  it('explains an unavailable backend process', async () => {
    mockFetch.mockReturnValue(throwError(() => fetchError(503, { message: 'Plugin unavailable' })));

    const health = await fetchDataSourceHealth('traceo-ml');

    expect(health).toMatchObject({ status: 'error', message: 'Plugin unavailable' });
    expect(health.status === 'error' && health.hint).toMatch(/allow_loading_unsigned_plugins/);
  });

  it('treats a non-OK status in a successful response as a failure', async () => {
    mockFetch.mockReturnValue(of({ data: { status: 'UNKNOWN', message: '' } }));

    await expect(fetchDataSourceHealth('traceo-ml')).resolves.toEqual({
      status: 'error',
      message: 'Health check returned UNKNOWN',
    });
  });

  it('never throws, even on a network failure', async () => {
    mockFetch.mockReturnValue(throwError(() => new Error('Failed to fetch')));

    await expect(fetchDataSourceHealth('traceo-ml')).resolves.toEqual({
      status: 'error',
      message: 'Failed to fetch',
      hint: undefined,
    });
  });
});
