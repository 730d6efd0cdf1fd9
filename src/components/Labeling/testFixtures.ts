import { AgreementStats, Anomaly, Incident, LabelingSettingsView, LabelingSummary } from 'contract/resources';
import { rootCauseTaxonomy } from 'contract/labels';

/** Test data builders for the labeling component tests (not shipped: only the tests import this file). */
export function makeIncident(
  id: string,
  overrides: Partial<Incident> = {},
  labeling: Partial<LabelingSummary> = {}
): Incident {
  const startedAt = Date.UTC(2025, 0, 10, 12, 0, 0);
  return {
    id,
    source: 'generic',
    externalId: id,
    title: `Checkout latency ${id}`,
    status: 'resolved',
    service: 'checkout',
    severity: 'critical',
    startedAt,
    endedAt: startedAt + 30 * 60_000,
    durationMinutes: 30,
    impactUsers: 1200,
    reportedRootCause: 'slow queries on orders',
    contributingFactors: ['missing index'],
    metricsSnapshot: { p99_latency_ms: 2400, error_rate: 0.07 },
    errorLogs: ['timeout after 5s'],
    traceIds: ['abc123'],
    resolutionAction: 'added index',
    prevention: null,
    alertLabels: {},
    annotations: {},
    url: null,
    capturedMetrics: null,
    createdAt: startedAt,
    updatedAt: startedAt,
    lastEventAt: startedAt,
    ...overrides,
    labeling: { state: 'unlabeled', reviewers: [], skippedBy: [], consensus: null, ...labeling },
  };
}

export function makeAnomaly(
  id: string,
  overrides: Partial<Anomaly> = {},
  labeling: Partial<LabelingSummary> = {}
): Anomaly {
  const startedAt = Date.UTC(2025, 0, 10, 12, 0, 0);
  return {
    id,
    seriesLabels: { __name__: 'http_latency_seconds', job: 'checkout', instance: id },
    expr: 'http_latency_seconds',
    startedAt,
    endedAt: startedAt + 15 * 60_000,
    score: 91,
    detector: 'shift, isolationForest',
    createdAt: startedAt,
    updatedAt: startedAt,
    ...overrides,
    labeling: { state: 'unlabeled', reviewers: [], skippedBy: [], consensus: null, ...labeling },
  };
}

export function makeSettings(): LabelingSettingsView {
  return { rootCauseExtensions: [], reviewersPerItem: 2, snapshotQueries: [], rootCauses: rootCauseTaxonomy() };
}

export function makeAgreement(overrides: Partial<AgreementStats> = {}): AgreementStats {
  return {
    kind: 'incident',
    reviewersPerItem: 2,
    labeledItems: 0,
    pairedItems: 0,
    agreedItems: 0,
    percentAgreement: null,
    cohensKappa: null,
    categories: [],
    confusion: [],
    ...overrides,
  };
}
