import { tableFromIPC } from 'apache-arrow';

import {
  callResourceResponseToProto,
  checkHealthResultToProto,
  collectMetricsResponseToProto,
  dataResponseToProto,
  queryDataResponseToProto,
} from './convert-to-protobuf';
import type { Frame } from './frame';

const frame: Frame = { name: 'f', fields: [{ name: 'v', type: 'number', values: [1, 2] }] };

describe('dataResponseToProto', () => {
  it('encodes frames as Arrow files stamped with the refId and says 200', () => {
    const pb = dataResponseToProto('A', { frames: [frame] });
    expect(pb).toMatchObject({ status: 200, error: '', errorSource: '', format: 'ARROW' });
    expect(tableFromIPC(pb.frames[0]).schema.metadata.get('refId')).toBe('A');
  });

  it("keeps a frame's own refId", () => {
    const pb = dataResponseToProto('A', { frames: [{ ...frame, refId: 'own' }] });
    expect(tableFromIPC(pb.frames[0]).schema.metadata.get('refId')).toBe('own');
  });

  it('gives an error without status a 500 from the plugin', () => {
    expect(dataResponseToProto('A', { frames: [], error: 'boom' })).toMatchObject({
      status: 500,
      error: 'boom',
      errorSource: 'plugin',
    });
  });

  it('fails only this refId when a frame cannot be encoded', () => {
    const ragged: Frame = {
      name: 'r',
      fields: [
        { name: 'a', type: 'number', values: [1, 2] },
        { name: 'b', type: 'number', values: [1] },
      ],
    };
    const pb = queryDataResponseToProto(
      new Map([
        ['A', { frames: [ragged] }],
        ['B', { frames: [frame] }],
      ])
    );
    expect(pb.responses.A).toMatchObject({ frames: [], status: 500, errorSource: 'plugin' });
    expect(pb.responses.A.error).toMatch(/^could not encode the result of query A: /);
    expect(pb.responses.B).toMatchObject({ status: 200, frames: [expect.any(Uint8Array)] });
  });
});

describe('checkHealthResultToProto', () => {
  it('sends jsonDetails only when it is a JSON object', () => {
    const withDetails = checkHealthResultToProto({ status: 'OK', message: 'ok', jsonDetails: { series: 3 } });
    expect(JSON.parse(Buffer.from(withDetails.jsonDetails).toString())).toEqual({ series: 3 });
    const notAnObject = { status: 'ERROR', message: 'x', jsonDetails: [1] } as unknown as Parameters<
      typeof checkHealthResultToProto
    >[0];
    expect(checkHealthResultToProto(notAnObject).jsonDetails).toHaveLength(0);
  });
});

describe('callResourceResponseToProto', () => {
  it('maps status, headers and string or Buffer bodies', () => {
    const pb = callResourceResponseToProto({ status: 204, headers: { 'X-A': ['1', '2'] }, body: 'héllo' });
    expect(pb).toMatchObject({ code: 204, headers: { 'X-A': { values: ['1', '2'] } } });
    expect(Buffer.from(pb.body).toString()).toBe('héllo');
    expect(callResourceResponseToProto({ status: 200 }).body).toHaveLength(0);
  });

  it('replaces a code Grafana cannot write with 500', () => {
    for (const status of [0, 42, 200.5, 1000, Number.NaN]) {
      expect(callResourceResponseToProto({ status }).code).toBe(500);
    }
  });
});

describe('collectMetricsResponseToProto', () => {
  it('carries the exposition text as bytes', () => {
    const pb = collectMetricsResponseToProto('up 1\n');
    expect(Buffer.from(pb.metrics.prometheus).toString()).toBe('up 1\n');
  });
});
