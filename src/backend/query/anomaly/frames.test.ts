import { encodeFrame } from 'backend/grafana/arrow';
import { tableFromIPC } from 'apache-arrow';
import { ANNOTATION_FIELD, DATAPLANE_TYPE_VERSION, FIELD, FRAME_TYPE } from 'contract/frames';

import { type AnomalyFrameOptions, anomalyAlertFrames, anomalyPanelFrames, type ScoredSeries } from './frames';
import { ScoredPoints } from './scored-points';

const DETECTORS = ['residual', 'shift'];
const options: AnomalyFrameOptions = {
  expr: 'up',
  legendFormat: '{{job}}',
  stepMs: 60_000,
  executedQueryString: 'Expr: up',
  notices: [{ severity: 'info', text: '1 of 2 series are still learning' }],
  detectorNames: DETECTORS,
  annotationSeverity: 'moderate',
};

function series(job: string, scores: number[], values = scores.map((_, i) => 10 + i)): ScoredSeries {
  const points = ScoredPoints.allocate(scores.length, DETECTORS.length);
  points.score.set(scores);
  scores.forEach((score, i) => {
    if (!Number.isNaN(score)) {
      points.expected[i] = 10;
      points.lower[i] = 8;
      points.upper[i] = 12;
    }
  });
  points.evidence.set([0, 0, 70, 10]); // point 1: residual 7 decades, shift 1
  return {
    labels: { job },
    times: Float64Array.from(scores, (_, i) => 60_000 * (i + 1)),
    values: Float64Array.from(values),
    points,
  };
}

describe('anomalyPanelFrames', () => {
  const frames = anomalyPanelFrames([series('a', [NaN, 95, 20]), series('b', [5, 5, 5])], options);

  it('gives each series one typed frame with the contracted fields, labels on every value field', () => {
    expect(frames).toHaveLength(3);
    const [first, second] = frames;
    expect(first.meta).toEqual({
      type: FRAME_TYPE.timeseriesMulti,
      typeVersion: DATAPLANE_TYPE_VERSION,
      executedQueryString: 'Expr: up',
      notices: options.notices,
    });
    expect(second.meta).toEqual({ type: FRAME_TYPE.timeseriesMulti, typeVersion: DATAPLANE_TYPE_VERSION });
    expect(first.fields.map((f) => f.name)).toEqual([
      FIELD.time,
      FIELD.value,
      FIELD.expected,
      FIELD.lower,
      FIELD.upper,
      FIELD.anomalyScore,
    ]);
    expect(first.fields.slice(1).every((f) => f.type === 'number' && f.labels?.job === 'a')).toBe(true);
  });

  it('draws the band from upper down to lower and puts the score on a 0–100 axis coloured by severity', () => {
    const [, , , lower, upper, score] = frames[0].fields;
    expect(lower.config?.displayNameFromDS).toBe('a lower');
    expect(upper.config?.custom).toMatchObject({ fillBelowTo: 'a lower' });
    expect(score.config).toMatchObject({ min: 0, max: 100, color: { mode: 'thresholds' } });
    expect((score.config?.thresholds as { steps: Array<{ value: number | null }> }).steps.map((s) => s.value)).toEqual([
      null,
      30,
      60,
      85,
    ]);
  });

  it('ends with one annotation frame: an event per episode with severity and detectors in the tags', () => {
    const annotations = frames[2];
    expect(annotations.meta).toEqual({ dataTopic: 'annotations' });
    expect(annotations.fields.map((f) => f.name)).toEqual(Object.values(ANNOTATION_FIELD));
    const column = (name: string) => Array.from(annotations.fields.find((f) => f.name === name)!.values as unknown[]);
    expect(column('time')).toEqual([120_000]);
    expect(column('timeEnd')).toEqual([120_000]);
    expect(column('title')).toEqual(['Critical anomaly: a']);
    expect(column('tags')).toEqual(['anomaly,severity:critical,detector:residual']);
    expect(column('text')[0]).toContain('peaked at 95 (critical) with value 11');
    expect(column('color')).toEqual(['red']);
  });

  it('encodes unscored points as null, not NaN', () => {
    const table = tableFromIPC(encodeFrame(frames[0], 'A'));
    expect(table.getChild(FIELD.anomalyScore)!.get(0)).toBeNull();
    expect(table.getChild(FIELD.anomalyScore)!.get(1)).toBe(95);
    expect(table.getChild(FIELD.expected)!.get(0)).toBeNull();
  });

  it('answers no series with the dataplane no-data frame', () => {
    expect(anomalyPanelFrames([], options)).toEqual([
      { name: '', meta: expect.objectContaining({ type: FRAME_TYPE.timeseriesMulti }), fields: [] },
    ]);
  });
});

describe('anomalyAlertFrames', () => {
  it('gives each series time and anomaly_score only, with its labels, typed for the dataplane reader', () => {
    const frames = anomalyAlertFrames([series('a', [NaN, 95, 20]), series('b', [5, 5, 5])], options);
    expect(frames).toHaveLength(2);
    for (const frame of frames) {
      expect(frame.meta).toMatchObject({ type: FRAME_TYPE.timeseriesMulti, typeVersion: DATAPLANE_TYPE_VERSION });
      expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
        [FIELD.time, 'time'],
        [FIELD.anomalyScore, 'number'],
      ]);
    }
    expect(frames[1].fields[1].labels).toEqual({ job: 'b' });
    expect(frames[0].meta?.notices).toEqual(options.notices);
  });
});
