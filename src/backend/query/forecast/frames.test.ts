import { FIELD } from 'contract/frames';

import { type ForecastedSeries, forecastAlertFrames, type ForecastFrameOptions, forecastPanelFrames } from './frames';

const STEP = 60_000;
const END = 1_700_000_040_000;

const options = (overrides: Partial<ForecastFrameOptions> = {}): ForecastFrameOptions => ({
  expr: 'free_bytes',
  stepMs: STEP,
  executedQueryString: 'Expr: free_bytes',
  notices: [{ severity: 'warning', text: 'from Prometheus' }],
  direction: 'below',
  threshold: 10,
  horizonText: '3m',
  evaluationMs: END,
  alertValue: 'failure_probability',
  ...overrides,
});

function series(overrides: Partial<ForecastedSeries> = {}): ForecastedSeries {
  const cumulative = Float64Array.of(0.1, 0.4, 0.7);
  return {
    labels: { host: 'a' },
    historyTimes: Float64Array.of(END - 2 * STEP, END - STEP, END),
    historyValues: Float64Array.of(14, NaN, 12),
    forecastTimes: Float64Array.of(END + STEP, END + 2 * STEP, END + 3 * STEP),
    result: {
      origin: 2,
      mean: Float64Array.of(11, 10.5, 10),
      lower: Float64Array.of(10, 9, 8),
      upper: Float64Array.of(12, 12, 12),
      failure: { status: 'forecast', probability: 0.7, cumulative, steps: 2, earliest: 1, latest: null },
      notes: [],
    },
    timeToThresholdSeconds: 120,
    notes: ['2 missing sample(s) filled'],
    ...overrides,
  };
}

describe('forecastPanelFrames', () => {
  it('joins the forecast to the last observation and keeps nulls (NaN) elsewhere', () => {
    const [frame] = forecastPanelFrames([series()], options());
    const values = (name: string) => Array.from(frame.fields.find((f) => f.name === name)!.values as Float64Array);
    expect(values(FIELD.time)).toHaveLength(6);
    expect(values(FIELD.value)).toEqual([14, NaN, 12, NaN, NaN, NaN]);
    expect(values(FIELD.forecast)).toEqual([NaN, NaN, 12, 11, 10.5, 10]);
    expect(values(FIELD.lower)).toEqual([NaN, NaN, 12, 10, 9, 8]);
    expect(values(FIELD.failureProbability)).toEqual([NaN, NaN, NaN, 0.1, 0.4, 0.7]);
  });

  it('colours the failing side of a "below" threshold red', () => {
    const [frame] = forecastPanelFrames([series()], options());
    const forecast = frame.fields.find((f) => f.name === FIELD.forecast)!;
    expect(forecast.config?.thresholds).toEqual({
      mode: 'absolute',
      steps: [
        { value: null, color: 'red' },
        { value: 10, color: 'green' },
      ],
    });
  });

  it('puts query notices on the first frame only and each series’ own notices on its frame', () => {
    const frames = forecastPanelFrames([series(), series({ labels: { host: 'b' }, notes: [] })], options());
    const texts = frames.map((f) => (f.meta?.notices ?? []).map((n) => n.text));
    expect(texts[0]).toEqual([
      'from Prometheus',
      '{host="a"}: P(below 10 within 3m) = 70%, most likely in 2m',
      '{host="a"}: 2 missing sample(s) filled',
    ]);
    expect(texts[1]).toEqual(['{host="b"}: P(below 10 within 3m) = 70%, most likely in 2m']);
    expect(frames[1].meta?.executedQueryString).toBeUndefined();
  });

  it('says when the probability is unknown', () => {
    const unknown = series();
    unknown.result.failure = { ...unknown.result.failure!, probability: null, status: 'insufficient-data' };
    const [frame] = forecastPanelFrames([{ ...unknown, timeToThresholdSeconds: null }], options());
    expect(frame.meta?.notices?.[1].text).toBe(
      '{host="a"}: probability of going below 10 unknown (too little history)'
    );
  });
});

describe('forecastAlertFrames', () => {
  it.each([
    ['failure_probability', FIELD.failureProbability, [END], [0.7]],
    ['time_to_threshold_seconds', FIELD.timeToThreshold, [END], [120]],
    ['forecast', FIELD.forecast, [END + STEP, END + 2 * STEP, END + 3 * STEP], [11, 10.5, 10]],
  ] as const)('returns only %s, labelled, as a time and one number field', (alertValue, name, times, values) => {
    const [frame] = forecastAlertFrames([series()], options({ alertValue }));
    expect(frame.fields.map((f) => f.name)).toEqual([FIELD.time, name]);
    expect(Array.from(frame.fields[0].values as ArrayLike<number>)).toEqual(times);
    expect(Array.from(frame.fields[1].values as ArrayLike<number>)).toEqual(values);
    expect(frame.fields[1].labels).toEqual({ host: 'a' });
    expect(frame.meta).toMatchObject({ type: 'timeseries-multi', typeVersion: [0, 1] });
  });

  it('gives null for an unknown probability and time', () => {
    const unknown = series({ timeToThresholdSeconds: null });
    unknown.result.failure = undefined;
    const [p] = forecastAlertFrames([unknown], options());
    const [t] = forecastAlertFrames([unknown], options({ alertValue: 'time_to_threshold_seconds' }));
    expect(Array.from(p.fields[1].values as ArrayLike<number | null>)).toEqual([null]);
    expect(Array.from(t.fields[1].values as ArrayLike<number | null>)).toEqual([null]);
  });
});
