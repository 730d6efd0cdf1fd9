import type { PromSeries } from 'backend/prometheus/samples';
import { DATAPLANE_TYPE_VERSION, FIELD, FRAME_TYPE } from 'contract/frames';
import { mergeDuplicateLabelSets, nanToNull, sortedUnique, timeSeriesMultiFrames } from './series-frames';

const series = (labels: Record<string, string>, points: Array<[number, number]>): PromSeries => ({
  labels,
  timestamps: Float64Array.from(points.map(([t]) => t)),
  values: Float64Array.from(points.map(([, v]) => v)),
});

const options = { expr: 'up', stepMs: 60_000, executedQueryString: 'Expr: up\nStep: 1m' };

describe('timeSeriesMultiFrames', () => {
  it('builds one dataplane frame per series: time + value with labels and display config', () => {
    const frames = timeSeriesMultiFrames(
      [series({ __name__: 'up', job: 'a' }, [[1000, 1]]), series({ __name__: 'up', job: 'b' }, [[1000, 0]])],
      { ...options, legendFormat: '{{job}}', notices: [{ severity: 'warning', text: 'careful' }] }
    );
    expect(frames).toHaveLength(2);
    expect(frames[0].meta).toEqual({
      type: FRAME_TYPE.timeseriesMulti,
      typeVersion: DATAPLANE_TYPE_VERSION,
      executedQueryString: 'Expr: up\nStep: 1m',
      notices: [{ severity: 'warning', text: 'careful' }],
    });
    expect(frames[1].meta).toEqual({ type: FRAME_TYPE.timeseriesMulti, typeVersion: DATAPLANE_TYPE_VERSION });
    const [time, value] = frames[1].fields;
    expect(time).toMatchObject({ name: FIELD.time, type: 'time', config: { interval: 60_000 } });
    expect(value).toMatchObject({
      name: FIELD.value,
      type: 'number',
      labels: { __name__: 'up', job: 'b' },
      config: { displayNameFromDS: 'b' },
    });
    expect(frames.flatMap((f) => f.fields).every((f) => f.type === 'time' || f.type === 'number')).toBe(true);
  });

  it('answers an empty result with one typed frame without fields, the dataplane NoData', () => {
    const frames = timeSeriesMultiFrames([series({ job: 'a' }, [])], options);
    expect(frames).toEqual([
      {
        name: '',
        meta: {
          type: FRAME_TYPE.timeseriesMulti,
          typeVersion: DATAPLANE_TYPE_VERSION,
          executedQueryString: options.executedQueryString,
        },
        fields: [],
      },
    ]);
  });

  it('emits null instead of NaN, keeping infinities', () => {
    const [frame] = timeSeriesMultiFrames(
      [
        series({ job: 'a' }, [
          [1, NaN],
          [2, Infinity],
          [3, 2],
        ]),
      ],
      options
    );
    expect(Array.from<unknown>(frame.fields[1].values)).toEqual([null, Infinity, 2]);
  });

  it('sorts times and leaves no duplicates, merging repeated label sets', () => {
    const frames = timeSeriesMultiFrames(
      [
        series({ job: 'a', x: '1' }, [
          [3, 3],
          [1, 1],
        ]),
        series({ x: '1', job: 'a' }, [
          [2, 2],
          [3, 30],
        ]),
      ],
      options
    );
    expect(frames).toHaveLength(1);
    expect(Array.from<unknown>(frames[0].fields[0].values)).toEqual([1, 2, 3]);
    expect(Array.from<unknown>(frames[0].fields[1].values)).toEqual([1, 2, 30]);
  });
});

describe('series helpers', () => {
  it('keeps the same typed arrays when already strictly ascending', () => {
    const s = series({}, [
      [1, 1],
      [2, 2],
    ]);
    expect(sortedUnique(s).timestamps).toBe(s.timestamps);
    expect(nanToNull(s.values)).toBe(s.values);
  });

  it('merges only identical label sets, whatever the key order', () => {
    const merged = mergeDuplicateLabelSets([
      series({ a: '1', b: '2' }, [[1, 1]]),
      series({ b: '2', a: '1' }, [[2, 2]]),
      series({ a: '1' }, [[1, 5]]),
    ]);
    expect(merged.map((s) => s.timestamps.length)).toEqual([2, 1]);
  });
});
