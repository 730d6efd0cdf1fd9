import { DataType, tableFromIPC, type Table } from 'apache-arrow';

import { encodeFrame } from './arrow';
import type { Frame } from './frame';

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

function decode(bytes: Uint8Array): Table {
  return tableFromIPC(bytes);
}

function magicAt(bytes: Uint8Array, offset: number): string {
  return Buffer.from(bytes.subarray(offset, offset + 6)).toString('latin1');
}

const seriesFrame: Frame = {
  name: 'cpu',
  meta: { type: 'timeseries-multi', typeVersion: [0, 1] },
  fields: [
    { name: 'time', type: 'time', values: [T0, T0 + 60_000, T0 + 120_000, T0 + 180_000] },
    {
      name: 'value',
      type: 'number',
      values: [1.5, null, Number.NaN, Number.POSITIVE_INFINITY],
      labels: { instance: 'a:9100', job: 'node' },
      config: { unit: 'percent', displayNameFromDS: 'cpu a' },
    },
  ],
};

describe('encodeFrame', () => {
  it('writes the Arrow IPC file format, with ARROW1 at both ends', () => {
    const bytes = encodeFrame(seriesFrame, 'A');
    expect(magicAt(bytes, 0)).toBe('ARROW1');
    expect(magicAt(bytes, bytes.length - 6)).toBe('ARROW1');
  });

  it('encodes time as a zone-less nanosecond timestamp, exact to the nanosecond', () => {
    const table = decode(encodeFrame(seriesFrame, 'A'));
    const time = table.schema.fields[0];
    expect(DataType.isTimestamp(time.type)).toBe(true);
    expect(time.type.toString()).toBe('Timestamp<NANOSECOND>');
    expect(time.type.timezone).toBeFalsy();
    expect(time.nullable).toBe(false);
    const raw = table.getChildAt(0)!.data[0].values as BigInt64Array;
    expect(raw[0]).toBe(BigInt(T0) * 1_000_000n);
    expect(raw[3]).toBe(BigInt(T0 + 180_000) * 1_000_000n);
  });

  it('keeps sub-millisecond time and times before 1970 exact', () => {
    // Fractions a double can hold exactly next to an epoch of ~1.7e12 ms (its resolution there is ~0.24 µs).
    const frame: Frame = { name: 't', fields: [{ name: 'time', type: 'time', values: [T0 + 0.125, -1500.25] }] };
    const raw = decode(encodeFrame(frame, 'A')).getChildAt(0)!.data[0].values as BigInt64Array;
    expect(raw[0]).toBe(BigInt(T0) * 1_000_000n + 125_000n);
    expect(raw[1]).toBe(-1_500_250_000n);
  });

  it('encodes numbers as nullable Float64 with null and NaN as null and infinities kept', () => {
    const table = decode(encodeFrame(seriesFrame, 'A'));
    const value = table.schema.fields[1];
    expect(DataType.isFloat(value.type)).toBe(true);
    expect(value.type.toString()).toBe('Float64');
    expect(value.nullable).toBe(true);
    expect(table.getChildAt(1)!.toArray().length).toBe(4);
    const column = table.getChild('value')!;
    expect([0, 1, 2, 3].map((i) => column.get(i))).toEqual([1.5, null, null, Number.POSITIVE_INFINITY]);
    expect(column.nullCount).toBe(2);
  });

  it('encodes a Float64Array (a view into a larger one too) without copying it first, NaN as null', () => {
    const backing = new Float64Array([9, 1.5, Number.NaN, -0.25, Number.NEGATIVE_INFINITY, 9]);
    const values = backing.subarray(1, 5);
    const frame: Frame = { name: '', fields: [{ name: 'v', type: 'number', values }] };
    const column = decode(encodeFrame(frame, 'A')).getChild('v')!;
    expect([0, 1, 2, 3].map((i) => column.get(i))).toEqual([1.5, null, -0.25, Number.NEGATIVE_INFINITY]);
    expect(column.nullCount).toBe(1);
    // The caller's array is left as it was.
    expect(Array.from(backing)).toEqual([9, 1.5, Number.NaN, -0.25, Number.NEGATIVE_INFINITY, 9]);
  });

  it('declares numbers nullable even without gaps, so every series has the same Go type', () => {
    const frame: Frame = { name: '', fields: [{ name: 'v', type: 'number', values: new Float64Array([1, 2]) }] };
    const field = decode(encodeFrame(frame, 'A')).schema.fields[0];
    expect(field.nullable).toBe(true);
  });

  it('encodes strings as plain Utf8, never dictionary, nullable only when a null is present', () => {
    const frame: Frame = {
      name: 'table',
      fields: [
        { name: 'host', type: 'string', values: ['a', 'bé', '🚀'] },
        { name: 'note', type: 'string', values: ['x', null, ''] },
      ],
    };
    const table = decode(encodeFrame(frame, 'B'));
    const [host, note] = table.schema.fields;
    expect(host.type.toString()).toBe('Utf8');
    expect(DataType.isDictionary(host.type)).toBe(false);
    expect(host.nullable).toBe(false);
    expect(note.nullable).toBe(true);
    expect(table.getChild('host')!.toArray()).toEqual(['a', 'bé', '🚀']);
    const notes = table.getChild('note')!;
    expect([0, 1, 2].map((i) => notes.get(i))).toEqual(['x', null, '']);
  });

  it('encodes booleans as Bool with nulls', () => {
    const frame: Frame = { name: 'b', fields: [{ name: 'up', type: 'boolean', values: [true, false, null, true] }] };
    const table = decode(encodeFrame(frame, 'A'));
    expect(table.schema.fields[0].type.toString()).toBe('Bool');
    expect(table.schema.fields[0].nullable).toBe(true);
    const up = table.getChild('up')!;
    expect([0, 1, 2, 3].map((i) => up.get(i))).toEqual([true, false, null, true]);
  });

  it('writes schema metadata name, refId and meta with typeVersion as a two-number array', () => {
    const { metadata } = decode(encodeFrame(seriesFrame, 'Q1')).schema;
    expect(metadata.get('name')).toBe('cpu');
    expect(metadata.get('refId')).toBe('Q1');
    expect(JSON.parse(metadata.get('meta')!)).toEqual({ type: 'timeseries-multi', typeVersion: [0, 1] });
  });

  it('always writes name and refId but leaves meta out when unset', () => {
    const { metadata } = decode(encodeFrame({ name: '', fields: [] }, '')).schema;
    expect(metadata.get('name')).toBe('');
    expect(metadata.get('refId')).toBe('');
    expect(metadata.has('meta')).toBe(false);
  });

  it('writes field metadata labels, config and tstype, only when set', () => {
    const [time, value] = decode(encodeFrame(seriesFrame, 'A')).schema.fields;
    expect(time.metadata.get('tstype')).toBe('time');
    expect(time.metadata.has('labels')).toBe(false);
    expect(time.metadata.has('config')).toBe(false);
    expect(value.metadata.get('tstype')).toBe('number');
    expect(JSON.parse(value.metadata.get('labels')!)).toEqual({ instance: 'a:9100', job: 'node' });
    expect(JSON.parse(value.metadata.get('config')!)).toEqual({ unit: 'percent', displayNameFromDS: 'cpu a' });
  });

  it('encodes a frame without fields as an empty record batch', () => {
    const table = decode(encodeFrame({ name: 'empty', fields: [] }, 'A'));
    expect(table.numCols).toBe(0);
    expect(table.numRows).toBe(0);
  });

  it('refuses a ragged frame and a null time, which Arrow and Grafana cannot represent', () => {
    const ragged: Frame = {
      name: 'r',
      fields: [
        { name: 'time', type: 'time', values: [T0, T0 + 1] },
        { name: 'v', type: 'number', values: [1] },
      ],
    };
    expect(() => encodeFrame(ragged, 'A')).toThrow(/field "v" has 1 values, expected 2/);
    const nullTime = { name: 'n', fields: [{ name: 'time', type: 'time', values: [null] }] } as unknown as Frame;
    expect(() => encodeFrame(nullTime, 'A')).toThrow(/time field "time" has an invalid value at row 0/);
  });

  it('round-trips a large multi-series response', () => {
    const points = 1440;
    const time = Float64Array.from({ length: points }, (_, i) => T0 + i * 60_000);
    const frames: Frame[] = Array.from({ length: 100 }, (_, s) => ({
      name: `s${s}`,
      fields: [
        { name: 'time', type: 'time', values: time },
        { name: 'value', type: 'number', values: Float64Array.from({ length: points }, (_, i) => s * i) },
      ],
    }));
    const tables = frames.map((frame) => decode(encodeFrame(frame, 'A')));
    expect(tables.every((t) => t.numRows === points)).toBe(true);
    expect(tables[99].getChild('value')!.get(1439)).toBe(99 * 1439);
  });
});
