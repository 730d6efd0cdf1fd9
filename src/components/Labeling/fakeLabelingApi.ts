import { Anomaly, AnomalyLabelInput, Incident, IncidentLabelInput, LabelingSummary } from 'contract/resources';

import { LabelingApi } from './labelingApi';
import { makeAgreement, makeSettings } from './testFixtures';

export type FakeLabelingApi = jest.Mocked<LabelingApi> & { incidents: Incident[]; anomalies: Anomaly[] };

/** The store's effect of one answer by `reviewer` on an item's summary (two reviewers per item). */
function answered(labeling: LabelingSummary, skip: boolean | undefined, reviewer: string): LabelingSummary {
  return skip
    ? { ...labeling, skippedBy: [...labeling.skippedBy, reviewer] }
    : { ...labeling, state: 'partial', reviewers: [...labeling.reviewers, reviewer] };
}

/**
 * An in-memory backend for the component tests (not shipped): labels change the items' summaries the way the
 * store does, as reviewer alice.
 */
export function fakeLabelingApi(incidents: Incident[], anomalies: Anomaly[] = []): FakeLabelingApi {
  const state = { incidents, anomalies };
  const page = <T>(items: T[]) => ({ items, total: items.length, limit: 500, offset: 0 });
  const api = {
    get incidents() {
      return state.incidents;
    },
    get anomalies() {
      return state.anomalies;
    },
    listIncidents: jest.fn(async () => page(state.incidents)),
    listAnomalies: jest.fn(async () => page(state.anomalies)),
    getSettings: jest.fn(async () => makeSettings()),
    getAgreement: jest.fn(async () => makeAgreement()),
    listDisagreements: jest.fn(async () => []),
    labelIncident: jest.fn(async (id: string, input: IncidentLabelInput) => {
      state.incidents = state.incidents.map((incident) =>
        incident.id !== id ? incident : { ...incident, labeling: answered(incident.labeling, input.skip, 'alice') }
      );
      return {
        incidentId: id,
        reviewer: 'alice',
        rootCause: input.rootCause ?? null,
        component: input.component ?? null,
        confidence: input.confidence ?? null,
        skipped: Boolean(input.skip),
        note: null,
        createdAt: 0,
        updatedAt: 0,
      };
    }),
    labelAnomaly: jest.fn(async (id: string, input: AnomalyLabelInput) => {
      state.anomalies = state.anomalies.map((anomaly) =>
        anomaly.id !== id ? anomaly : { ...anomaly, labeling: answered(anomaly.labeling, input.skip, 'alice') }
      );
      const labeled = state.anomalies.find((anomaly) => anomaly.id === id)!;
      return {
        label: {
          anomalyId: id,
          reviewer: 'alice',
          verdict: input.verdict ?? null,
          confidence: input.confidence ?? null,
          skipped: Boolean(input.skip),
          note: input.note ?? null,
          createdAt: 0,
          updatedAt: 0,
        },
        labeling: labeled.labeling,
      };
    }),
  };
  return api as unknown as FakeLabelingApi;
}
