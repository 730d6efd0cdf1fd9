import React, { useMemo } from 'react';

import { dateTime } from '@grafana/data';
import {
  EmbeddedScene,
  PanelBuilders,
  SceneFlexItem,
  SceneFlexLayout,
  SceneQueryRunner,
  SceneTimeRange,
} from '@grafana/scenes';

import { DATASOURCE_PLUGIN_ID } from 'contract/settings';
import { Incident } from 'contract/resources';
import { TraceoQueryModel } from 'contract/query';

import { incidentWindows } from './incidentWindows';

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
  const children = incidentWindows(incident).map(
    (window) =>
      new SceneFlexItem({
        minWidth: 240,
        height: 220,
        body: PanelBuilders.timeseries()
          .setTitle(window.title)
          .setData(
            new SceneQueryRunner({
              datasource: { uid: dataSourceUid, type: DATASOURCE_PLUGIN_ID },
              queries,
              maxDataPoints: 200,
            })
          )
          .setTimeRange(
            new SceneTimeRange({
              from: dateTime(window.from).toISOString(),
              to: dateTime(window.to).toISOString(),
            })
          )
          .build(),
      })
  );
  return new EmbeddedScene({ body: new SceneFlexLayout({ direction: 'row', wrap: 'wrap', children }) });
}
