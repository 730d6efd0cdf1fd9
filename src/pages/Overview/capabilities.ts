import { IconName } from '@grafana/data';

import { GRAFANA_LINKS, prefixRoute, ROUTES } from '../../constants';

export interface Capability {
  title: string;
  description: string;
  icon: IconName;
  href: string;
}

/** What the app does, one card per page; the Overview is the map of the app. */
export const CAPABILITIES: Capability[] = [
  {
    title: 'Anomaly detection and forecasts in panels',
    description:
      'Query the Traceo ML data source with PromQL: get the expected value, a band, a 0–100 anomaly score, forecasts and failure probabilities you can chart and alert on.',
    icon: 'graph-bar',
    href: GRAFANA_LINKS.explore,
  },
  {
    title: 'Labeling',
    description:
      'Review incidents and detected anomalies in the order that teaches the models the most, and record root-cause categories.',
    icon: 'tag-alt',
    href: prefixRoute(ROUTES.Labeling),
  },
  {
    title: 'Experiments',
    description:
      'Run a challenger model next to the champion on the same series and get a deploy, reject or wait verdict.',
    icon: 'flask',
    href: prefixRoute(ROUTES.Experiments),
  },
  {
    title: 'Models',
    description: 'See every trained model, its validation metrics and which version each alias points to.',
    icon: 'layer-group',
    href: prefixRoute(ROUTES.Models),
  },
  {
    title: 'Drift',
    description: 'Know when inputs or predictions stop looking like the data the models learned from.',
    icon: 'chart-line',
    href: prefixRoute(ROUTES.Drift),
  },
];
