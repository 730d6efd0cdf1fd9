import React from 'react';
import { PageEmptyState } from 'components/PageEmptyState/PageEmptyState';
import { testIds } from 'components/testIds';

import { GRAFANA_LINKS } from '../../constants';

export function Labeling() {
  return (
    <PageEmptyState
      testId={testIds.labeling.container}
      message="No incidents yet — connect a webhook to start labeling"
      description="Incidents from Grafana Alerting, Alertmanager or PagerDuty and the anomalies Traceo ML detects will queue up here, the most informative first, each with the metrics around it. Every label you give makes the detectors and the failure and root-cause models better."
      steps={[
        'Add a webhook contact point in Grafana Alerting (or an Alertmanager receiver, or a PagerDuty webhook) that posts to the Traceo ML data source.',
        'Route the alerts you want reviewed to that contact point with a notification policy.',
        'When an incident arrives, mark it as a real problem or noise and pick its root-cause category.',
      ]}
      primaryAction={{ label: 'Set up a contact point', href: GRAFANA_LINKS.contactPoints, icon: 'bell' }}
      secondaryAction={{ label: 'View alert rules', href: GRAFANA_LINKS.alertRules, icon: 'list-ul' }}
    />
  );
}
