import { ComponentType } from 'react';

import { IconName } from '@grafana/data';
import { EmbeddedScene, SceneAppPage, SceneReactObject } from '@grafana/scenes';

import { prefixRoute, ROUTES } from '../constants';

interface ScenePageOptions {
  title: string;
  subTitle: string;
  route: ROUTES;
  titleIcon?: IconName;
  /** The page body; it reads app settings from context, so it takes no props. */
  component: ComponentType;
}

/**
 * A SceneAppPage whose body is a plain React component. The pages start as React (health checks, empty
 * states); being Scenes pages already, they can grow panels, variables and drilldowns without a rewrite.
 */
export function scenePage({ title, subTitle, route, titleIcon, component }: ScenePageOptions): SceneAppPage {
  return new SceneAppPage({
    title,
    subTitle,
    titleIcon,
    url: prefixRoute(route),
    // Relative to Grafana's `/a/<app id>/*` route; `/*` lets the page own its sub-routes (tabs, drilldowns).
    routePath: `${route}/*`,
    getScene: () => new EmbeddedScene({ body: new SceneReactObject({ component }) }),
  });
}
