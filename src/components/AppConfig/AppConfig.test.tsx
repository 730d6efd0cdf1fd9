import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { of, throwError } from 'rxjs';

import { AppPlugin, AppPluginMeta, PluginType } from '@grafana/data';
import { DataSourcePickerProps } from '@grafana/runtime';

import { testIds } from 'components/testIds';
import { TraceoAppJsonData } from 'contract/settings';

import AppConfig from './AppConfig';
import { reloadPage } from './reloadPage';

const mockFetch = jest.fn();
const mockPickerProps = jest.fn<void, [DataSourcePickerProps]>();

jest.mock('./reloadPage', () => ({ reloadPage: jest.fn() }));
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
  // The real picker reads Grafana's data source registry; a stand-in that picks "traceo-b" is enough here.
  DataSourcePicker: (props: DataSourcePickerProps) => {
    mockPickerProps(props);
    return (
      <button type="button" onClick={() => props.onChange({ uid: 'traceo-b', name: 'Traceo B' } as never)}>
        pick traceo-b
      </button>
    );
  },
}));

function renderConfig(jsonData: TraceoAppJsonData & Record<string, unknown>) {
  const meta = {
    id: 'traceo-ml-app',
    name: 'Traceo ML',
    type: PluginType.app,
    enabled: true,
    pinned: true,
    jsonData,
  } as unknown as AppPluginMeta<TraceoAppJsonData>;
  const plugin = { meta } as AppPlugin<TraceoAppJsonData>;
  return render(<AppConfig plugin={plugin} query={{}} />);
}

describe('AppConfig', () => {
  beforeEach(() => {
    mockFetch.mockReset();
    mockPickerProps.mockReset();
    jest.mocked(reloadPage).mockReset();
  });

  it('offers only Traceo ML data sources, preselecting the saved one', () => {
    renderConfig({ defaultDataSourceUid: 'traceo-a' });

    expect(mockPickerProps).toHaveBeenCalledWith(
      expect.objectContaining({ pluginId: 'traceo-ml-datasource', current: 'traceo-a' })
    );
    // Nothing changed yet: saving would be a no-op.
    expect(screen.getByTestId(testIds.appConfig.submit)).toBeDisabled();
  });

  it('saves the chosen data source, keeps the other jsonData keys, then reloads', async () => {
    mockFetch.mockReturnValue(of({ data: {} }));
    renderConfig({ defaultDataSourceUid: 'traceo-a', somethingElse: 'keep me' });

    await userEvent.click(screen.getByRole('button', { name: 'pick traceo-b' }));
    await userEvent.click(screen.getByTestId(testIds.appConfig.submit));

    await waitFor(() => expect(reloadPage).toHaveBeenCalled());
    expect(mockFetch).toHaveBeenCalledWith(
      expect.objectContaining({
        url: '/api/plugins/traceo-ml-app/settings',
        method: 'POST',
        data: {
          enabled: true,
          pinned: true,
          jsonData: { defaultDataSourceUid: 'traceo-b', somethingElse: 'keep me' },
        },
      })
    );
    // Secrets are never sent, so the ones stored stay as they are.
    expect(mockFetch.mock.calls[0][0].data).not.toHaveProperty('secureJsonData');
  });

  it('shows why saving failed and does not reload', async () => {
    mockFetch.mockReturnValue(
      throwError(() => ({ status: 403, statusText: 'Forbidden', data: { message: 'Permission denied' } }))
    );
    renderConfig({});

    await userEvent.click(screen.getByRole('button', { name: 'pick traceo-b' }));
    await userEvent.click(screen.getByTestId(testIds.appConfig.submit));

    expect(await screen.findByTestId(testIds.appConfig.error)).toHaveTextContent('Permission denied');
    expect(reloadPage).not.toHaveBeenCalled();
    expect(screen.getByTestId(testIds.appConfig.submit)).toBeEnabled();
  });
});
