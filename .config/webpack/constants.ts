import path from 'path';

/** Everything is resolved from the repository root, where `npm run build:frontend` runs webpack. */
export const ROOT_DIR = path.resolve(__dirname, '..', '..');
export const SOURCE_DIR = path.join(ROOT_DIR, 'src');
export const DIST_DIR = path.join(ROOT_DIR, 'dist');

/** The app manifest sits at the top level (the product layout), not in src/ as create-plugin puts it. */
export const APP_PLUGIN_JSON = path.join(ROOT_DIR, 'plugin.json');
export const APP_ENTRY = path.join(SOURCE_DIR, 'module.tsx');

/**
 * Backend executables the backend build writes into dist/ (`dist/datasource/gpx_…_linux_amd64`). Cleaning dist
 * before a frontend build must keep them, or a frontend rebuild would silently remove the backend.
 */
export const BACKEND_BINARY = /_(amd64|arm64|arm)(\.exe)?$/;
