import React, { useMemo } from 'react';

import { config } from '@grafana/runtime';

import { useTraceoDataSource } from 'components/DataSource/useTraceoDataSource';
import { createLabelingApi } from 'components/Labeling/labelingApi';
import { LabelingWorkbench } from 'components/Labeling/LabelingWorkbench';
import { PageEmptyState } from 'components/PageEmptyState/PageEmptyState';
import { testIds } from 'components/testIds';

import { GRAFANA_LINKS } from '../../constants';
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
        renderMetricPanels={(incident) => <IncidentMetricPanels incident={incident} dataSourceUid={uid} />}
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
