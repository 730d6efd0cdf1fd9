/**
 * What every Node-side launcher of the backend shares: the environment go-plugin gives a plugin it starts for
 * Grafana (grafana-protocol.md §1.2), and the esbuild options that bundle TypeScript backend code for Node 24.
 */
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** go-plugin's own variables, as Grafana's client sets them (no AutoMTLS, no multiplexing). */
export const GO_PLUGIN_ENV = Object.freeze({
  grafana_plugin_type: 'datasource',
  PLUGIN_PROTOCOL_VERSIONS: '2',
  PLUGIN_MIN_PORT: '10000',
  PLUGIN_MAX_PORT: '25000',
});

/** esbuild options for backend code: one CommonJS file for Node 24, `backend/...` imports resolved via tsconfig. */
export const BACKEND_BUNDLE_OPTIONS = Object.freeze({
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
});
