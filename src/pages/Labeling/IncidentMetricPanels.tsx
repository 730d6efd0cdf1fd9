import React, { useMemo } from 'react';

import { EmbeddedScene, SceneFlexLayout } from '@grafana/scenes';

import { Incident } from 'contract/resources';
import { TraceoQueryModel } from 'contract/query';

import { incidentWindows } from './incidentWindows';
import { windowPanel } from './windowPanel';

interface Props {
  incident: Incident;
  dataSourceUid: string;
}

/**
 * Live time series for the hour before, during and after the incident: Scenes panels running raw queries of
 * our data source over each window, with the expressions the snapshot captured. Live data can go further
 * back than the stored snapshot (retention permitting) and can be explored from the panel menu.
 */
export function IncidentMetricPanels({ incident, dataSourceUid }: Props) {
  const scene = useMemo(() => buildScene(incident, dataSourceUid), [incident, dataSourceUid]);
  if (!scene) {
    return null;
  }
  return <scene.Component model={scene} />;
}

function buildScene(incident: Incident, dataSourceUid: string): EmbeddedScene | undefined {
  const exprs = incident.capturedMetrics?.queries ?? [];
  if (exprs.length === 0) {
    return undefined;
  }
  const queries: TraceoQueryModel[] = exprs.map((query, index) => ({
    refId: String.fromCharCode(65 + (index % 26)) + (index >= 26 ? index : ''),
    queryType: 'raw',
    expr: query.expr,
    legendFormat: query.name,
  }));
  const children = incidentWindows(incident).map((window) =>
    windowPanel(dataSourceUid, queries, { ...window, minWidth: 240, height: 220, maxDataPoints: 200 })
  );
  return new EmbeddedScene({ body: new SceneFlexLayout({ direction: 'row', wrap: 'wrap', children }) });
}
