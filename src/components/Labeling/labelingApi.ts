import { lastValueFrom } from 'rxjs';

import { getBackendSrv } from '@grafana/runtime';

import {
  AgreementStats,
  Anomaly,
  AnomalyLabel,
  AnomalyLabelInput,
  Disagreement,
  Incident,
  IncidentLabel,
  IncidentLabelInput,
  LabelingSettingsView,
  LabelKind,
  LabelSaved,
  Page,
  RESOURCE_PATHS,
} from 'contract/resources';

/** The largest page the queue asks for; the server orders it most-informative first. */
export const QUEUE_PAGE_SIZE = 500;

/** What the labeling UI needs from the data source's resource API; tests hand in a fake. */
export interface LabelingApi {
  listIncidents(): Promise<Page<Incident>>;
  getSettings(): Promise<LabelingSettingsView>;
  getAgreement(kind: LabelKind): Promise<AgreementStats>;
  listDisagreements(kind: LabelKind): Promise<Disagreement[]>;
  labelIncident(incidentId: string, input: IncidentLabelInput): Promise<IncidentLabel>;
  listAnomalies(): Promise<Page<Anomaly>>;
  labelAnomaly(anomalyId: string, input: AnomalyLabelInput): Promise<LabelSaved<AnomalyLabel>>;
}

/** A LabelingApi over Grafana's backend service, so auth, the org and proxying are Grafana's (or the preview's). */
export function createLabelingApi(dataSourceUid: string): LabelingApi {
  const root = `/api/datasources/uid/${encodeURIComponent(dataSourceUid)}/resources/`;
  async function call<T>(path: string, method: 'GET' | 'POST' = 'GET', data?: unknown): Promise<T> {
    // showErrorAlert: the page shows errors in context; Grafana's global toast would repeat them out of context.
    const response = await lastValueFrom(
      getBackendSrv().fetch<T>({ url: root + path, method, data, showErrorAlert: false })
    );
    return response.data;
  }
  return {
    listIncidents: () => call<Page<Incident>>(`${RESOURCE_PATHS.incidents}?limit=${QUEUE_PAGE_SIZE}&order=learning`),
    getSettings: () => call<LabelingSettingsView>(RESOURCE_PATHS.labelingSettings),
    getAgreement: (kind) => call<AgreementStats>(`${RESOURCE_PATHS.labelAgreement}?kind=${kind}`),
    // The route answers a list or a Page depending on paging; accept both so the view is not coupled to it.
    listDisagreements: async (kind) => {
      const body = await call<Disagreement[] | Page<Disagreement>>(`${RESOURCE_PATHS.labelDisagreements}?kind=${kind}`);
      return Array.isArray(body) ? body : body.items;
    },
    labelIncident: (incidentId, input) => call<IncidentLabel>(RESOURCE_PATHS.incidentLabels(incidentId), 'POST', input),
    // The anomaly route has no learning order; newest first puts what a reviewer still remembers on top.
    listAnomalies: () => call<Page<Anomaly>>(`${RESOURCE_PATHS.anomalies}?limit=${QUEUE_PAGE_SIZE}&order=newest`),
    labelAnomaly: (anomalyId, input) =>
      call<LabelSaved<AnomalyLabel>>(RESOURCE_PATHS.anomalyLabels(anomalyId), 'POST', input),
  };
}
