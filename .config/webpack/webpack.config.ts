/**
 * Frontend build of the app and its nested plugins, in the shape create-plugin gives every Grafana plugin:
 * AMD modules Grafana's plugin loader can load, Grafana's shared dependencies left external, manifests and
 * logos copied next to the bundles.
 *
 *   npm run build:frontend   (webpack -c ./.config/webpack/webpack.config.ts --env production)
 *   npm run dev              (watch mode, --env development)
 */
import path from 'path';
import type { Configuration } from 'webpack';

import { BACKEND_BINARY, DIST_DIR, ROOT_DIR, SOURCE_DIR } from './constants';
import { copyPluginFiles } from './copyFiles';
import { externals } from './externals';
import { findNestedPlugins, getAppPluginId, getEntries } from './pluginFiles';

interface Env {
  production?: boolean;
  development?: boolean;
}

const config = (env: Env = {}): Configuration => {
  const production = Boolean(env.production);
  const pluginId = getAppPluginId();
  // Grafana serves every file of the app (nested plugins included) under this path; lazy chunks load from it.
  const publicPath = `public/plugins/${pluginId}/`;
  const nested = findNestedPlugins();

  return {
    mode: production ? 'production' : 'development',
    context: SOURCE_DIR,
    entry: getEntries(nested),
    devtool: production ? 'source-map' : 'eval-source-map',
    externals,

    cache: {
      type: 'filesystem',
      cacheDirectory: path.join(ROOT_DIR, '.cache', 'webpack'),
      buildDependencies: { config: [__filename] },
    },

    module: {
      rules: [
        {
          test: /\.[tj]sx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', tsx: true, decorators: false },
                transform: { react: { runtime: 'automatic' } },
                // Grafana 12 supports evergreen browsers only; older syntax targets just grow the bundle.
                target: 'es2020',
              },
            },
          },
        },
        {
          // ESM packages (Scenes and its dependencies) import files without extensions.
          test: /\.m?js$/,
          resolve: { fullySpecified: false },
        },
        {
          test: /\.css$/,
          use: ['style-loader', 'css-loader'],
        },
        {
          test: /\.(png|jpe?g|gif|svg)$/,
          type: 'asset/resource',
          generator: {
            publicPath: `${publicPath}img/`,
            outputPath: 'img/',
            filename: production ? '[hash][ext]' : '[name][ext]',
          },
        },
      ],
    },

    output: {
      path: DIST_DIR,
      filename: '[name].js',
      chunkFilename: production ? '[name].[contenthash].js' : '[name].js',
      library: { type: 'amd' },
      publicPath,
      // Two webpack runtimes (app and data source) share the page with every other plugin: keep their chunk
      // registries apart.
      uniqueName: pluginId,
      clean: { keep: BACKEND_BINARY },
    },

    plugins: [copyPluginFiles(nested)],

    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.jsx'],
      // `baseUrl: src` in tsconfig: `import … from 'contract/query'` resolves from src/.
      modules: [SOURCE_DIR, 'node_modules'],
      unsafeCache: true,
    },

    performance: {
      // Scenes is bundled (Grafana does not share it) and only loaded when a user opens the app.
      hints: false,
    },

    stats: production ? 'normal' : 'minimal',
  };
};

export default config;
