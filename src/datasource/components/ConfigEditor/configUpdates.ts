import { DataSourcePluginOptionsEditorProps, DataSourceSettings } from '@grafana/data';

import { MAX_CUSTOM_HEADERS } from 'contract/settings';

import { TraceoDataSourceOptions, TraceoDataSourceSecureJsonData } from '../../types';

/**
 * Immutable updates of the data source settings the config editor edits. Two rules they enforce:
 * secrets only ever go to `secureJsonData` (write-only; Grafana encrypts it and never sends it back), and a
 * secret that is set shows up only as `secureJsonFields[key] === true`.
 */
export type TraceoSettings = DataSourceSettings<TraceoDataSourceOptions, TraceoDataSourceSecureJsonData>;
export type TraceoConfigEditorProps = DataSourcePluginOptionsEditorProps<
  TraceoDataSourceOptions,
  TraceoDataSourceSecureJsonData
>;
export type SecretKey = keyof TraceoDataSourceSecureJsonData;

/** Props every config section takes. */
export interface SectionProps {
  options: TraceoSettings;
  onOptionsChange: (options: TraceoSettings) => void;
}

export function withJsonData(options: TraceoSettings, patch: Partial<TraceoDataSourceOptions>): TraceoSettings {
  return { ...options, jsonData: { ...options.jsonData, ...patch } };
}

/** Removes jsonData keys outright, so an emptied setting falls back to its default rather than to "". */
export function withoutJsonData(options: TraceoSettings, keys: Array<keyof TraceoDataSourceOptions>): TraceoSettings {
  const jsonData = { ...options.jsonData };
  for (const key of keys) {
    delete jsonData[key];
  }
  return { ...options, jsonData };
}

/** Sets a jsonData key, or removes it when `value` is undefined (an emptied or unusable entry: the default applies). */
export function withJsonDataOrDefault<K extends keyof TraceoDataSourceOptions>(
  options: TraceoSettings,
  key: K,
  value: TraceoDataSourceOptions[K] | undefined
): TraceoSettings {
  return value === undefined
    ? withoutJsonData(options, [key])
    : withJsonData(options, { [key]: value } as Partial<TraceoDataSourceOptions>);
}

export function withSecret(options: TraceoSettings, key: SecretKey, value: string): TraceoSettings {
  return { ...options, secureJsonData: { ...options.secureJsonData, [key]: value } };
}

/** Grafana's reset convention: the field is no longer "configured" and an empty value replaces the stored one. */
export function withSecretReset(options: TraceoSettings, key: SecretKey): TraceoSettings {
  return {
    ...options,
    secureJsonFields: { ...options.secureJsonFields, [key]: false },
    secureJsonData: { ...options.secureJsonData, [key]: '' },
  };
}

export function isSecretConfigured(options: TraceoSettings, key: SecretKey): boolean {
  return Boolean(options.secureJsonFields?.[key]);
}

/** Custom header slots, numbered from 1 as the `httpHeaderName<N>` / `httpHeaderValue<N>` keys are. */
export type HeaderSlot = 1 | 2 | 3 | 4 | 5;
export const HEADER_SLOTS = Array.from({ length: MAX_CUSTOM_HEADERS }, (_, i) => (i + 1) as HeaderSlot);

export const headerNameKey = (slot: HeaderSlot) => `httpHeaderName${slot}` as const;
export const headerValueKey = (slot: HeaderSlot) => `httpHeaderValue${slot}` as const;

/** Slots that hold a header: a name, or a value stored earlier (a name may have been cleared by hand). */
export function usedHeaderSlots(options: TraceoSettings): HeaderSlot[] {
  return HEADER_SLOTS.filter(
    (slot) => Boolean(options.jsonData[headerNameKey(slot)]) || isSecretConfigured(options, headerValueKey(slot))
  );
}

/** Empties a header slot: its name and its stored value. */
export function withHeaderRemoved(options: TraceoSettings, slot: HeaderSlot): TraceoSettings {
  return withSecretReset(withoutJsonData(options, [headerNameKey(slot)]), headerValueKey(slot));
}
