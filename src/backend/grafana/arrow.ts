/**
 * Frame → Arrow IPC *file*, the layout grafana-plugin-sdk-go's data.UnmarshalArrowFrame reads
 * (grafana-protocol.md §4). Every Arrow type is chosen explicitly, because apache-arrow's inference picks
 * types Grafana rejects (dictionary strings) or misreads (millisecond timestamps land in 1970).
 *
 * Columns are built straight from typed arrays with `makeData` instead of per-value builders: a response of
 * 100 series × 1,440 points must encode in a few milliseconds.
 */
import {
  Bool,
  type Data,
  type DataType,
  Field as ArrowField,
  Float64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  TimestampNanosecond,
  Utf8,
} from 'apache-arrow';

import type { Field, FieldType, Frame } from './frame';

interface Column {
  type: DataType;
  nullable: boolean;
  data: Data;
}

/** An Arrow validity bitmap (bit set = value present) for `length` values, or none when all are present. */
class ValidityBitmap {
  readonly bits: Uint8Array;
  nullCount = 0;

  constructor(length: number) {
    this.bits = new Uint8Array(Math.ceil(length / 8)).fill(0xff);
  }

  setNull(index: number): void {
    this.bits[index >> 3] &= ~(1 << (index & 7));
    this.nullCount++;
  }

  /** Arrow allows omitting the bitmap when nothing is null, which saves bytes on the wire. */
  get buffer(): Uint8Array | undefined {
    return this.nullCount > 0 ? this.bits : undefined;
  }
}

const NS_PER_MS = 1_000_000;
const TWO_POW_32 = 4_294_967_296;
/** Last millisecond whose nanosecond count still fits in an int64 (year 2262). */
const MAX_TIME_MS = 9_223_372_036_854;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function exactNanos(wholeMs: number, subMsNanos: number): bigint {
  return BigInt(wholeMs) * BigInt(NS_PER_MS) + BigInt(subMsNanos);
}

/**
 * Epoch ms → int64 ns. The fast path writes the two uint32 halves directly so that no BigInt is allocated per
 * value. Multiplying the whole ms value by 1e6 in floating point would round to ~256 ns; splitting the
 * milliseconds into 32-bit halves keeps every product below 2^53, hence exact.
 */
function timeColumn(values: ArrayLike<number>, fieldName: string): Column {
  const length = values.length;
  const nanos = new BigInt64Array(length);
  const halves = new Uint32Array(nanos.buffer);
  for (let i = 0; i < length; i++) {
    const ms = values[i];
    if (typeof ms !== 'number' || !Number.isFinite(ms) || Math.abs(ms) > MAX_TIME_MS) {
      throw new Error(`time field "${fieldName}" has an invalid value at row ${i} (${ms}); time is never null`);
    }
    const wholeMs = Math.floor(ms);
    const subMsNanos = Math.round((ms - wholeMs) * NS_PER_MS);
    if (ms < 0 || !LITTLE_ENDIAN) {
      nanos[i] = exactNanos(wholeMs, subMsNanos);
      continue;
    }
    const msHigh = Math.floor(wholeMs / TWO_POW_32);
    const low = (wholeMs - msHigh * TWO_POW_32) * NS_PER_MS + subMsNanos;
    const lowHigh = Math.floor(low / TWO_POW_32);
    halves[2 * i] = low - lowHigh * TWO_POW_32;
    halves[2 * i + 1] = msHigh * NS_PER_MS + lowHigh;
  }
  // Timezone stays null: the Go encoder writes none and the decoder ignores it.
  const type = new TimestampNanosecond(null);
  return { type, nullable: false, data: makeData({ type, length, nullCount: 0, data: nanos }) };
}

/** Null and NaN both become null: NaN propagates through Grafana's alert expressions and fires alerts. */
function numberColumn(values: ArrayLike<number | null>): Column {
  const length = values.length;
  const validity = new ValidityBitmap(length);
  let floats: Float64Array;
  if (values instanceof Float64Array) {
    // Used as it is: a null slot's bytes are never read (its validity bit says null), so a NaN may stay there.
    // Most of a big response is such arrays, and not copying them saves a pass over every value.
    floats = values;
    for (let i = 0; i < length; i++) {
      if (Number.isNaN(values[i])) {
        validity.setNull(i);
      }
    }
  } else {
    floats = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      const value = values[i];
      if (value === null || value === undefined || Number.isNaN(value)) {
        validity.setNull(i);
      } else {
        floats[i] = value;
      }
    }
  }
  const type = new Float64();
  const data = makeData({ type, length, nullCount: validity.nullCount, nullBitmap: validity.buffer, data: floats });
  // Always nullable, so every number field has the same Go type ([]*float64) whether or not it has gaps.
  return { type, nullable: true, data };
}

const utf8 = new TextEncoder();

/** Plain Utf8 with offsets; never dictionary-encoded, which Grafana's decoder rejects. */
function stringColumn(values: ArrayLike<string | null>): Column {
  const length = values.length;
  const encoded: Array<Uint8Array | null> = new Array(length);
  const offsets = new Int32Array(length + 1);
  const validity = new ValidityBitmap(length);
  let byteLength = 0;
  for (let i = 0; i < length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      validity.setNull(i);
      encoded[i] = null;
    } else {
      const bytes = utf8.encode(value);
      encoded[i] = bytes;
      byteLength += bytes.length;
    }
    offsets[i + 1] = byteLength;
  }
  const bytes = new Uint8Array(byteLength);
  for (let i = 0; i < length; i++) {
    const value = encoded[i];
    if (value) {
      bytes.set(value, offsets[i]);
    }
  }
  const type = new Utf8();
  const data = makeData({
    type,
    length,
    nullCount: validity.nullCount,
    nullBitmap: validity.buffer,
    valueOffsets: offsets,
    data: bytes,
  });
  return { type, nullable: validity.nullCount > 0, data };
}

function booleanColumn(values: ArrayLike<boolean | null>): Column {
  const length = values.length;
  const bits = new Uint8Array(Math.ceil(length / 8));
  const validity = new ValidityBitmap(length);
  for (let i = 0; i < length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      validity.setNull(i);
    } else if (value) {
      bits[i >> 3] |= 1 << (i & 7);
    }
  }
  const type = new Bool();
  const data = makeData({ type, length, nullCount: validity.nullCount, nullBitmap: validity.buffer, data: bits });
  return { type, nullable: validity.nullCount > 0, data };
}

/**
 * Strings and booleans are declared nullable only when they hold a null, matching what Go plugins emit for
 * plain `[]string` fields. Numbers are always nullable (see numberColumn); time never is.
 */
function column(field: Field): Column {
  switch (field.type) {
    case 'time':
      return timeColumn(field.values, field.name);
    case 'number':
      return numberColumn(field.values);
    case 'string':
      return stringColumn(field.values);
    case 'boolean':
      return booleanColumn(field.values);
  }
}

function fieldMetadata(field: Field, type: FieldType): Map<string, string> {
  const metadata = new Map<string, string>();
  if (field.labels !== undefined) {
    metadata.set('labels', JSON.stringify(field.labels));
  }
  if (field.config !== undefined) {
    metadata.set('config', JSON.stringify(field.config));
  }
  metadata.set('tstype', type);
  return metadata;
}

function frameMetadata(frame: Frame, refId: string): Map<string, string> {
  // The Go encoder always writes name and refId, even empty; meta only when set.
  const metadata = new Map<string, string>([
    ['name', frame.name ?? ''],
    ['refId', refId],
  ]);
  if (frame.meta !== undefined) {
    metadata.set('meta', JSON.stringify(frame.meta));
  }
  return metadata;
}

/**
 * Encodes one frame as an Arrow IPC file (`ARROW1` magic at both ends), one record batch.
 * Throws when the fields do not all have the same length: Arrow cannot represent a ragged frame.
 */
export function encodeFrame(frame: Frame, refId: string): Uint8Array {
  const length = frame.fields.length > 0 ? frame.fields[0].values.length : 0;
  const arrowFields: ArrowField[] = [];
  const children: Data[] = [];
  for (const field of frame.fields) {
    if (field.values.length !== length) {
      throw new Error(
        `frame "${frame.name}": field "${field.name}" has ${field.values.length} values, expected ${length} like the first field`
      );
    }
    const { type, nullable, data } = column(field);
    arrowFields.push(new ArrowField(field.name, type, nullable, fieldMetadata(field, field.type)));
    children.push(data);
  }
  const schema = new Schema(arrowFields, frameMetadata(frame, refId));
  const batch = new RecordBatch(schema, makeData({ type: new Struct(arrowFields), length, nullCount: 0, children }));
  return tableToIPC(new Table(schema, [batch]), 'file');
}
