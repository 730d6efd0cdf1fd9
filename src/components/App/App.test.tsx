import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { of } from 'rxjs';

import { AppPluginMeta, AppRootProps, DataSourceInstanceSettings, PluginType } from '@grafana/data';
import { locationService, LocationServiceProvider } from '@grafana/runtime';

import { testIds } from 'components/testIds';
import { TraceoAppJsonData } from 'contract/settings';

import App from './App';

const mockGetList = jest.fn<DataSourceInstanceSettings[], []>(() => []);
const mockFetch = jest.fn();

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: () => ({ getList: mockGetList }),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

function renderAppAt(path: string, jsonData: TraceoAppJsonData = {}) {
  const meta = {
    id: 'traceo-ml-app',
    name: 'Traceo ML',
    type: PluginType.app,
    jsonData,
  } as AppPluginMeta<TraceoAppJsonData>;
  const props = {
    basename: '/a/traceo-ml-app',
    meta,
    path,
    onNavChanged: jest.fn(),
    query: {},
  } as unknown as AppRootProps<TraceoAppJsonData>;
  // Grafana mounts the app root under this route and provides the location service Scenes syncs URLs with.
  return render(
    <LocationServiceProvider service={locationService}>
      <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <Routes>
          <Route path="/a/traceo-ml-app/*" element={<App {...props} />} />
        </Routes>
      </MemoryRouter>
    </LocationServiceProvider>
  );
}

describe('App routing', () => {
  beforeEach(() => {
    mockGetList.mockReturnValue([]);
    mockFetch.mockReset();
  });

  it.each([
    ['labeling', testIds.labeling.container, /No incidents yet/],
    ['experiments', testIds.experiments.container, /No experiments yet/],
    ['models', testIds.models.container, /No models trained yet/],
    ['drift', testIds.drift.container, /No drift reports yet/],
  ])('renders the %s page with its empty state', async (route, testId, message) => {
    renderAppAt(`/a/traceo-ml-app/${route}`);
    const page = await screen.findByTestId(testId);
    expect(page).toHaveTextContent(message);
    // Every empty state says what to do next.
    expect(page.querySelectorAll('li').length).toBeGreaterThan(0);
    expect(page.querySelector('a[href]')).not.toBeNull();
  });

  it('renders the overview and asks for a data source when none exists', async () => {
    renderAppAt('/a/traceo-ml-app/overview');
    expect(await screen.findByTestId(testIds.overview.container)).toBeInTheDocument();
    const empty = screen.getByTestId(testIds.overview.noDataSource);
    expect(empty).toHaveTextContent('No Traceo ML data source yet');
    expect(screen.getByRole('link', { name: /Add data source/ })).toHaveAttribute(
      'href',
      '/connections/datasources/traceo-ml-datasource'
    );
  });

  it('sends the bare app URL to the overview', async () => {
    renderAppAt('/a/traceo-ml-app');
    expect(await screen.findByTestId(testIds.overview.container)).toBeInTheDocument();
  });

  it('shows the health of the configured data source on the overview', async () => {
    mockGetList.mockReturnValue([dataSource('traceo-ml', 'Traceo ML')]);
    mockFetch.mockReturnValue(of({ data: { status: 'OK', message: 'Prometheus 2.55.1 is reachable' } }));

    renderAppAt('/a/traceo-ml-app/overview', { defaultDataSourceUid: 'traceo-ml' });

    expect(await screen.findByText('Prometheus 2.55.1 is reachable')).toBeInTheDocument();
    expect(mockFetch).toHaveBeenCalledWith(expect.objectContaining({ url: '/api/datasources/uid/traceo-ml/health' }));
  });
});

function dataSource(uid: string, name: string): DataSourceInstanceSettings {
  return {
    uid,
    name,
    type: 'traceo-ml-datasource',
    isDefault: false,
    meta: { info: { logos: { small: 'logo.svg' } } },
  } as unknown as DataSourceInstanceSettings;
}
