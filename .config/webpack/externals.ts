import type { Configuration } from 'webpack';

/**
 * Modules Grafana provides to plugins at runtime (its SystemJS "shared dependencies"). They must not be bundled:
 * a second React or a second @grafana/runtime would not see Grafana's state.
 *
 * Deliberately NOT external, although they are @grafana or router packages:
 * - `react-router-dom`: Grafana's shared copy is still v5; this app uses v6 (as @grafana/scenes does), so it is
 *   bundled, while `react-router` stays external and resolves to Grafana's v6 instance, so there is one router.
 * - `@grafana/scenes`, `@grafana/i18n`, `@grafana/schema`, `@grafana/e2e-selectors`: Grafana does not share them.
 *   `i18next` is shared, so the bundled @grafana/i18n uses Grafana's translation instance.
 */
export const externals: Configuration['externals'] = [
  'lodash',
  'jquery',
  'moment',
  'slate',
  'slate-plain-serializer',
  '@grafana/slate-react',
  'prismjs',
  'emotion',
  '@emotion/css',
  '@emotion/react',
  'react',
  'react-dom',
  'react-redux',
  'redux',
  'react-router',
  'rxjs',
  'rxjs/operators',
  'i18next',
  'd3',
  'angular',
  /^@grafana\/ui(\/.*)?$/,
  /^@grafana\/runtime(\/.*)?$/,
  /^@grafana\/data(\/.*)?$/,
];
