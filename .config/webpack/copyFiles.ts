import CopyWebpackPlugin from 'copy-webpack-plugin';
import fs from 'fs';
import path from 'path';

import { APP_PLUGIN_JSON, ROOT_DIR, SOURCE_DIR } from './constants';
import { getPackageVersion, NestedPlugin } from './pluginFiles';

/**
 * Grafana reads the manifests, logos and README from the plugin folder, next to the bundles. The placeholders in
 * them are filled at build time: %VERSION% from package.json (one source of truth, which the plugin validator's
 * `packagejson` check wants), %TODAY% as the build date, %PLUGIN_ID% as the id of the manifest it appears in.
 */
export function copyPluginFiles(nested: NestedPlugin[]): CopyWebpackPlugin {
  const version = getPackageVersion();
  const today = new Date().toISOString().slice(0, 10);
  const fillPlaceholders = (content: Buffer, pluginId: string) =>
    content
      .toString('utf8')
      .replace(/%VERSION%/g, version)
      .replace(/%TODAY%/g, today)
      .replace(/%PLUGIN_ID%/g, pluginId);
  const manifest = (from: string, to: string) => ({
    from,
    to,
    transform: (content: Buffer) => fillPlaceholders(content, JSON.parse(content.toString('utf8')).id),
  });
  const appId = JSON.parse(fs.readFileSync(APP_PLUGIN_JSON, 'utf8')).id as string;

  return new CopyWebpackPlugin({
    patterns: [
      manifest(APP_PLUGIN_JSON, 'plugin.json'),
      ...nested.map((plugin) => manifest(plugin.pluginJson, path.posix.join(plugin.dir, 'plugin.json'))),
      // The catalog page shows src/README.md (the user guide); the repository README is for developers.
      {
        from: path.join(SOURCE_DIR, 'README.md'),
        to: 'README.md',
        transform: (content: Buffer) => fillPlaceholders(content, appId),
        noErrorOnMissing: true,
      },
      { from: path.join(ROOT_DIR, 'CHANGELOG.md'), to: 'CHANGELOG.md', noErrorOnMissing: true },
      { from: path.join(ROOT_DIR, 'LICENSE'), to: 'LICENSE', noErrorOnMissing: true },
      // Logos and screenshots of the app (src/img) and of every nested plugin (src/<dir>/img).
      ...['img', ...nested.map((plugin) => path.join(plugin.dir, 'img'))].map((dir) => ({
        from: path.join(SOURCE_DIR, dir).split(path.sep).join('/') + '/**/*',
        to: ({ absoluteFilename }: { absoluteFilename?: string }) =>
          path
            .relative(SOURCE_DIR, absoluteFilename ?? '')
            .split(path.sep)
            .join('/'),
        noErrorOnMissing: true,
      })),
    ],
  });
}
