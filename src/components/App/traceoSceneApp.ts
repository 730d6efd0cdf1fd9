import { SceneApp } from '@grafana/scenes';

import { APP_PLUGIN_ID } from 'contract/settings';
import { driftPage } from 'pages/Drift/driftPage';
import { experimentsPage } from 'pages/Experiments/experimentsPage';
import { labelingPage } from 'pages/Labeling/labelingPage';
import { modelsPage } from 'pages/Models/modelsPage';
import { overviewPage } from 'pages/Overview/overviewPage';

/**
 * The app's scene graph: one SceneAppPage per nav entry of plugin.json. A module-level function so
 * `useSceneApp` can memoise the SceneApp across renders and keep page state (and URL sync) stable.
 */
export function createTraceoSceneApp(): SceneApp {
  return new SceneApp({
    name: APP_PLUGIN_ID,
    pages: [overviewPage(), labelingPage(), experimentsPage(), modelsPage(), driftPage()],
    // Keep browser history meaningful: back goes to the previous page state, not out of the app.
    urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true },
  });
}
