import fs from 'fs';
import path from 'path';

import { APP_ENTRY, APP_PLUGIN_JSON, ROOT_DIR, SOURCE_DIR } from './constants';

export interface NestedPlugin {
  /** Folder relative to src/, e.g. `datasource`; the bundle lands in the same folder of dist/. */
  dir: string;
  pluginJson: string;
  module: string;
}

const MODULE_NAMES = ['module.ts', 'module.tsx', 'module.js', 'module.jsx'];

/**
 * Nested plugins, found as create-plugin finds them: every `src/**\/plugin.json` with a sibling module file.
 * Hand-rolled instead of a glob dependency; src/ is small.
 */
export function findNestedPlugins(dir = SOURCE_DIR): NestedPlugin[] {
  const found: NestedPlugin[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== 'node_modules') {
      found.push(...findNestedPlugins(path.join(dir, entry.name)));
    }
  }
  const pluginJson = path.join(dir, 'plugin.json');
  const module = MODULE_NAMES.map((name) => path.join(dir, name)).find((file) => fs.existsSync(file));
  if (dir !== SOURCE_DIR && fs.existsSync(pluginJson) && module) {
    found.push({ dir: path.relative(SOURCE_DIR, dir), pluginJson, module });
  }
  return found;
}

/** `module` → dist/module.js for the app, `<dir>/module` → dist/<dir>/module.js for each nested plugin. */
export function getEntries(nested: NestedPlugin[]): Record<string, string> {
  const entries: Record<string, string> = { module: APP_ENTRY };
  for (const plugin of nested) {
    entries[`${toPosix(plugin.dir)}/module`] = plugin.module;
  }
  return entries;
}

export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export function getAppPluginId(): string {
  return readJson<{ id: string }>(APP_PLUGIN_JSON).id;
}

export function getPackageVersion(): string {
  return readJson<{ version: string }>(path.join(ROOT_DIR, 'package.json')).version;
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
