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
import { Anomaly } from 'contract/resources';
import { TraceoQueryModel } from 'contract/query';

import { anomalyWindow, seriesExpr } from './anomalyWindow';

interface Props {
  anomaly: Anomaly;
  dataSourceUid: string;
}

/**
 * The series around the anomaly as a Scenes panel running our `anomaly` query, so the reviewer sees the expected
 * band, the score and the episode annotations the detectors drew, from an hour before the onset to an hour after.
 */
export function AnomalyMetricPanel({ anomaly, dataSourceUid }: Props) {
  const scene = useMemo(() => buildScene(anomaly, dataSourceUid), [anomaly, dataSourceUid]);
  if (!scene) {
    return null;
  }
  return <scene.Component model={scene} />;
}

function buildScene(anomaly: Anomaly, dataSourceUid: string): EmbeddedScene | undefined {
  const expr = seriesExpr(anomaly.expr, anomaly.seriesLabels);
  if (!expr) {
    return undefined;
  }
  const query: TraceoQueryModel = { refId: 'A', queryType: 'anomaly', expr };
  const window = anomalyWindow(anomaly);
  const panel = new SceneFlexItem({
    minWidth: 320,
    height: 300,
    body: PanelBuilders.timeseries()
      .setTitle('Series around the anomaly')
      .setDescription(expr)
      .setData(
        new SceneQueryRunner({
          datasource: { uid: dataSourceUid, type: DATASOURCE_PLUGIN_ID },
          queries: [query],
          maxDataPoints: 300,
        })
      )
      .setTimeRange(
        new SceneTimeRange({ from: dateTime(window.from).toISOString(), to: dateTime(window.to).toISOString() })
      )
      .build(),
  });
  return new EmbeddedScene({ body: new SceneFlexLayout({ direction: 'row', children: [panel] }) });
}
