import React, { ComponentType, lazy, Suspense } from 'react';

import { AppPlugin, AppRootProps } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';

import type { AppConfigProps } from './components/AppConfig/AppConfig';
import { TraceoAppJsonData } from './contract/settings';

// Both are lazy so Grafana's boot (which loads every app's module.js for its nav and extensions) does not pay
// for Scenes and the pages until the user opens the app.
const LazyApp = lazy(() => import('./components/App/App'));
const LazyAppConfig = lazy(() => import('./components/AppConfig/AppConfig'));

function withSuspense<P extends object>(Component: ComponentType<P>, text: string) {
  return function Suspended(props: P) {
    return (
      <Suspense fallback={<LoadingPlaceholder text={text} />}>
        <Component {...props} />
      </Suspense>
    );
  };
}

const App = withSuspense<AppRootProps<TraceoAppJsonData>>(LazyApp, 'Loading Traceo ML…');
const AppConfig = withSuspense<AppConfigProps>(LazyAppConfig, 'Loading configuration…');

export const plugin = new AppPlugin<TraceoAppJsonData>().setRootPage(App).addConfigPage({
  title: 'Configuration',
  icon: 'cog',
  body: AppConfig,
  id: 'configuration',
});
