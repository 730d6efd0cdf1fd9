import React, { useMemo } from 'react';

import { config } from '@grafana/runtime';

import { useTraceoDataSource } from 'components/DataSource/useTraceoDataSource';
import { createLabelingApi } from 'components/Labeling/labelingApi';
import { LabelingWorkbench } from 'components/Labeling/LabelingWorkbench';
import { PageEmptyState } from 'components/PageEmptyState/PageEmptyState';
import { testIds } from 'components/testIds';

import { GRAFANA_LINKS } from '../../constants';
import { AnomalyMetricPanel } from './AnomalyMetricPanel';
import { IncidentMetricPanels } from './IncidentMetricPanels';

export function Labeling() {
  const resolution = useTraceoDataSource();
  const uid =
    resolution.kind === 'configured' || resolution.kind === 'fallback' ? resolution.dataSource.uid : undefined;
  const api = useMemo(() => (uid ? createLabelingApi(uid) : undefined), [uid]);

  if (!api || !uid) {
    return <NoIncidents />;
  }
  return (
    <div data-testid={testIds.labeling.container}>
      <LabelingWorkbench
        api={api}
        login={config.bootData?.user?.login}
        emptyState={<NoIncidents />}
        anomalyEmptyState={<NoAnomalies />}
        renderMetricPanels={(incident) => <IncidentMetricPanels incident={incident} dataSourceUid={uid} />}
        renderAnomalyPanel={(anomaly) => <AnomalyMetricPanel anomaly={anomaly} dataSourceUid={uid} />}
      />
    </div>
  );
}

function NoIncidents() {
  return (
    <PageEmptyState
      testId={testIds.labeling.container}
      message="No incidents yet — connect a webhook to start labeling"
      description="Incidents from Grafana Alerting, Alertmanager or PagerDuty and the anomalies Traceo ML detects will queue up here, the most informative first, each with the metrics around it. Every label you give makes the detectors and the failure and root-cause models better."
      steps={[
        'Add a webhook contact point in Grafana Alerting (or an Alertmanager receiver, or a PagerDuty webhook) that posts to the Traceo ML data source.',
        'Route the alerts you want reviewed to that contact point with a notification policy.',
        'When an incident arrives, pick its root cause, component and confidence — the keyboard does it all (press ? for the keys).',
      ]}
      primaryAction={{ label: 'Set up a contact point', href: GRAFANA_LINKS.contactPoints, icon: 'bell' }}
      secondaryAction={{ label: 'View alert rules', href: GRAFANA_LINKS.alertRules, icon: 'list-ul' }}
    />
  );
}

function NoAnomalies() {
  return (
    <PageEmptyState
      testId={testIds.labeling.noAnomalies}
      message="No anomalies detected yet"
      description="Every anomaly episode a Traceo ML anomaly query finds — in a dashboard panel, in Explore or behind an alert rule — is recorded here for review. Your verdicts (true anomaly or false alarm) re-weight the detectors by their validated precision."
      steps={[
        'Add a panel or an alert rule with the Traceo ML data source and the Anomaly query type on a metric you care about.',
        'Let it run: each detected episode joins this queue with its series, score and detectors.',
        'Judge each one — t true anomaly, f false alarm, u unknown, h / m / l confidence, Enter to save (press ? for the keys).',
      ]}
      primaryAction={{ label: 'Try an anomaly query in Explore', href: GRAFANA_LINKS.explore, icon: 'compass' }}
      secondaryAction={{ label: 'View alert rules', href: GRAFANA_LINKS.alertRules, icon: 'list-ul' }}
    />
  );
}
