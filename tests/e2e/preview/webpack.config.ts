/**
 * Build of the labeling preview: one self-contained bundle (React, @grafana/ui, @grafana/runtime included; no
 * Grafana externals) plus index.html, into .cache/e2e-preview, which the conformance host serves with -static.
 *
 *   npx webpack -c tests/e2e/preview/webpack.config.ts
 */
import fs from 'fs';
import path from 'path';
import type { Compiler, Configuration } from 'webpack';

const ROOT = path.resolve(__dirname, '../../..');
export const PREVIEW_DIR = path.join(ROOT, '.cache', 'e2e-preview');

/** Copies index.html next to the bundle (one file: a plugin for it is not worth a dependency). */
class CopyIndexHtml {
  apply(compiler: Compiler) {
    compiler.hooks.afterEmit.tap('CopyIndexHtml', () => {
      fs.copyFileSync(path.join(__dirname, 'index.html'), path.join(PREVIEW_DIR, 'index.html'));
    });
  }
}

const config: Configuration = {
  mode: 'development',
  devtool: false,
  context: ROOT,
  entry: { preview: path.join(__dirname, 'main.tsx') },
  output: { path: PREVIEW_DIR, filename: '[name].js', publicPath: '/', clean: true },
  cache: { type: 'filesystem', cacheDirectory: path.join(ROOT, '.cache', 'webpack-e2e-preview') },
  module: {
    rules: [
      {
        test: /\.[tj]sx?$/,
        exclude: /node_modules/,
        use: {
          loader: 'swc-loader',
          options: {
            jsc: {
              parser: { syntax: 'typescript', tsx: true },
              transform: { react: { runtime: 'automatic' } },
              target: 'es2020',
            },
          },
        },
      },
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.(png|jpe?g|gif|svg|woff2?)$/, type: 'asset/resource' },
    ],
  },
  resolve: {
    extensions: ['.ts', '.tsx', '.js', '.jsx'],
    modules: [path.join(ROOT, 'src'), 'node_modules'],
  },
  plugins: [new CopyIndexHtml()],
  performance: { hints: false },
  stats: 'errors-warnings',
};

export default config;
