import { APP_PLUGIN_ID, DATASOURCE_PLUGIN_ID } from 'contract/settings';

/** Where Grafana mounts the app: every page lives under `/a/<app id>/`. */
export const PLUGIN_BASE_URL = `/a/${APP_PLUGIN_ID}`;

/** Route segments of the app pages; they must match the page paths in the top-level plugin.json. */
export enum ROUTES {
  Overview = 'overview',
  Labeling = 'labeling',
  Experiments = 'experiments',
  Models = 'models',
  Drift = 'drift',
}

/** Absolute URL of an app page, as Grafana's nav and links need it. */
export function prefixRoute(route: ROUTES): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}

/** Grafana URLs the pages link to, so a user is never stuck on an empty state. */
export const GRAFANA_LINKS = {
  appConfig: `/plugins/${APP_PLUGIN_ID}`,
  /** The data source plugin's connection page, with its "Add new data source" button. */
  newDataSource: `/connections/datasources/${DATASOURCE_PLUGIN_ID}`,
  editDataSource: (uid: string) => `/connections/datasources/edit/${encodeURIComponent(uid)}`,
  alertRules: '/alerting/list',
  contactPoints: '/alerting/notifications',
  explore: '/explore',
} as const;
