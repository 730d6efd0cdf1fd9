import React, { useMemo } from 'react';

import { EmbeddedScene, SceneFlexLayout } from '@grafana/scenes';

import { Anomaly } from 'contract/resources';
import { TraceoQueryModel } from 'contract/query';

import { anomalyWindow, seriesExpr } from './anomalyWindow';
import { windowPanel } from './windowPanel';

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
  const panel = windowPanel(dataSourceUid, [query], {
    title: 'Series around the anomaly',
    description: expr,
    ...anomalyWindow(anomaly),
    minWidth: 320,
    height: 300,
    maxDataPoints: 300,
  });
  return new EmbeddedScene({ body: new SceneFlexLayout({ direction: 'row', children: [panel] }) });
}
