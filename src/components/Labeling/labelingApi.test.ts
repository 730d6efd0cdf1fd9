import { of } from 'rxjs';

import { createLabelingApi } from './labelingApi';

const mockFetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

describe('createLabelingApi', () => {
  beforeEach(() => mockFetch.mockReset());

  it('posts labels to the incident labels route of the data source', async () => {
    mockFetch.mockReturnValue(of({ data: { incidentId: 'a/b' } }));
    const api = createLabelingApi('traceo ml');

    await api.labelIncident('a/b', { rootCause: 'disk_full', confidence: 'low' });

    expect(mockFetch).toHaveBeenCalledWith(
      expect.objectContaining({
        url: '/api/datasources/uid/traceo%20ml/resources/incidents/a%2Fb/labels',
        method: 'POST',
        data: { rootCause: 'disk_full', confidence: 'low' },
        showErrorAlert: false,
      })
    );
  });

  it('accepts disagreements as a list or as a page', async () => {
    const api = createLabelingApi('ds');
    const item = { kind: 'incident', itemId: 'x', title: 'x', answers: [] };
    mockFetch.mockReturnValueOnce(of({ data: [item] }));
    expect(await api.listDisagreements('incident')).toEqual([item]);
    mockFetch.mockReturnValueOnce(of({ data: { items: [item], total: 1, limit: 50, offset: 0 } }));
    expect(await api.listDisagreements('incident')).toEqual([item]);
    expect(mockFetch).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/api/datasources/uid/ds/resources/labels/disagreements?kind=incident' })
    );
  });

  it('lists anomalies newest first, a queue page at a time', async () => {
    mockFetch.mockReturnValue(of({ data: { items: [], total: 0, limit: 500, offset: 0 } }));
    const api = createLabelingApi('ds');

    expect(await api.listAnomalies()).toEqual({ items: [], total: 0, limit: 500, offset: 0 });

    expect(mockFetch).toHaveBeenCalledWith(
      expect.objectContaining({
        url: '/api/datasources/uid/ds/resources/anomalies?limit=500&order=newest',
        method: 'GET',
      })
    );
  });

  it('posts verdicts to the anomaly labels route and asks for anomaly agreement', async () => {
    mockFetch.mockReturnValue(of({ data: {} }));
    const api = createLabelingApi('ds');

    await api.labelAnomaly('an/1', { verdict: 'false_alarm', confidence: 'high', note: null });
    expect(mockFetch).toHaveBeenLastCalledWith(
      expect.objectContaining({
        url: '/api/datasources/uid/ds/resources/anomalies/an%2F1/labels',
        method: 'POST',
        data: { verdict: 'false_alarm', confidence: 'high', note: null },
      })
    );

    await api.getAgreement('anomaly');
    expect(mockFetch).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: '/api/datasources/uid/ds/resources/labels/agreement?kind=anomaly' })
    );
  });
});
