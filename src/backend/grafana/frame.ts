/**
 * A data frame as handlers build it. The runtime encodes it as an Arrow IPC *file* with explicit types,
 * exactly the layout grafana-plugin-sdk-go's data.UnmarshalArrowFrame reads (grafana-protocol.md §4).
 */

export type FieldType = 'time' | 'number' | 'string' | 'boolean';

export interface FieldConfig {
  displayName?: string;
  displayNameFromDS?: string;
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  noValue?: string;
  /** Interval between points in ms, lets Grafana draw gaps correctly. */
  interval?: number;
  links?: Array<{ title: string; url: string; targetBlank?: boolean }>;
  custom?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Values per type:
 *  - time:    epoch milliseconds (number[] or Float64Array); encoded as Timestamp(ns, no zone); never null.
 *  - number:  Float64; `null` and NaN both encode as null (NaN would fire Grafana alerts), ±Infinity is kept.
 *  - string:  string | null, encoded as Utf8 (never dictionary-encoded: Grafana rejects dictionaries).
 *  - boolean: boolean | null.
 */
export type FieldValues =
  | { type: 'time'; values: ArrayLike<number> }
  | { type: 'number'; values: ArrayLike<number | null> }
  | { type: 'string'; values: ArrayLike<string | null> }
  | { type: 'boolean'; values: ArrayLike<boolean | null> };

export type Field = FieldValues & {
  name: string;
  labels?: Record<string, string>;
  config?: FieldConfig;
};

export interface Notice {
  severity: 'info' | 'warning' | 'error';
  text: string;
  link?: string;
}

/** Subset of the Go SDK's FrameMeta that we emit. typeVersion is always a two-number array. */
export interface FrameMeta {
  type?: string;
  typeVersion?: [number, number];
  dataTopic?: 'annotations';
  executedQueryString?: string;
  preferredVisualisationType?: 'graph' | 'table' | 'logs' | 'trace' | 'nodeGraph' | 'flamegraph';
  notices?: Notice[];
  custom?: Record<string, unknown>;
  stats?: Array<Record<string, unknown>>;
}

export interface Frame {
  name: string;
  /** Filled in by the runtime from the query when a handler leaves it empty. */
  refId?: string;
  meta?: FrameMeta;
  fields: Field[];
}
