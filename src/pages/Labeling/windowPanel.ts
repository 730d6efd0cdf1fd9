import { dateTime } from '@grafana/data';
import { PanelBuilders, SceneFlexItem, SceneQueryRunner, SceneTimeRange } from '@grafana/scenes';

import { DATASOURCE_PLUGIN_ID } from 'contract/settings';
import { TraceoQueryModel } from 'contract/query';

export interface WindowPanelOptions {
  title: string;
  description?: string;
  /** Epoch ms: the panel's own time range, independent of the page's. */
  from: number;
  to: number;
  minWidth: number;
  height: number;
  maxDataPoints: number;
}

/** A Scenes time-series panel running our data source's `queries` over one fixed time window. */
export function windowPanel(dataSourceUid: string, queries: TraceoQueryModel[], o: WindowPanelOptions): SceneFlexItem {
  const builder = PanelBuilders.timeseries().setTitle(o.title);
  if (o.description !== undefined) {
    builder.setDescription(o.description);
  }
  return new SceneFlexItem({
    minWidth: o.minWidth,
    height: o.height,
    body: builder
      .setData(
        new SceneQueryRunner({
          datasource: { uid: dataSourceUid, type: DATASOURCE_PLUGIN_ID },
          queries,
          maxDataPoints: o.maxDataPoints,
        })
      )
      .setTimeRange(new SceneTimeRange({ from: dateTime(o.from).toISOString(), to: dateTime(o.to).toISOString() }))
      .build(),
  });
}
