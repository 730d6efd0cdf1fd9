import type { DataQuery } from 'backend/grafana/data';
import type { OutputMode } from 'contract/query';

import { parseForecastQueryModel } from './options';
import { forecastStep, MAX_HORIZON_STEPS, MAX_TRAINING_POINTS, planForecast } from './plan';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TO = Date.UTC(2026, 0, 15, 12, 7, 30);

function plan(forecast: object, range = { from: TO - 6 * HOUR, to: TO }, output: OutputMode = 'panel', now = TO) {
  const query: DataQuery = {
    refId: 'A',
    queryType: 'forecast',
    maxDataPoints: 1000,
    intervalMs: 15 * SECOND,
    timeRange: range,
    json: { expr: 'up', output, forecast },
  };
  return planForecast(query, parseForecastQueryModel(query), now);
}

describe('forecastStep', () => {
  it("keeps the panel's step when training window and horizon fit in it", () => {
    expect(forecastStep(20 * SECOND, 12 * HOUR, 6 * HOUR)).toBe(20 * SECOND);
  });

  it('coarsens to the smallest step that divides a day and bounds the training points', () => {
    const step = forecastStep(15 * SECOND, 7 * DAY, DAY);
    expect(step).toBe(5 * MINUTE);
    expect(DAY % step).toBe(0);
    expect((7 * DAY) / step + 1).toBeLessThanOrEqual(MAX_TRAINING_POINTS);
  });

  it('coarsens for a long horizon too', () => {
    const step = forecastStep(15 * SECOND, 30 * DAY, 30 * DAY);
    expect((30 * DAY) / step).toBeLessThanOrEqual(MAX_HORIZON_STEPS);
    expect(DAY % step).toBe(0);
  });
});

describe('planForecast', () => {
  it('fetches the training window and the panel range, aligned to the step, ending at the range end', () => {
    const p = plan({ horizon: '1d', trainingWindow: '7d' });
    expect(p.stepMs).toBe(5 * MINUTE);
    expect(p.panelStepMs).toBe(20 * SECOND);
    const lastMs = p.grid.startMs + (p.grid.length - 1) * p.stepMs;
    expect(lastMs).toBe(Date.UTC(2026, 0, 15, 12, 5));
    expect(p.trainingPoints).toBe(7 * 288 + 1);
    expect(p.grid.length).toBe(p.trainingPoints);
    expect(p.grid.startMs + p.displayFrom * p.stepMs).toBe(Date.UTC(2026, 0, 15, 6, 5));
    expect(p.endMs).toBe(TO);
    expect(p.horizonEndMs).toBe(TO + DAY);
    expect(p.macros.stepMs).toBe(5 * MINUTE);
    expect(p.macros.rangeMs).toBe(6 * HOUR);
  });

  it('reaches back to the panel start when the panel range is longer than the training window', () => {
    const p = plan({ horizon: '1h', trainingWindow: '1d' }, { from: TO - 3 * DAY, to: TO });
    expect(p.displayFrom).toBe(0);
    expect(p.grid.startMs).toBeLessThanOrEqual(TO - 3 * DAY);
    expect(p.grid.length).toBeGreaterThan(p.trainingPoints);
  });

  it('fetches only the training window for alert output', () => {
    const p = plan({ horizon: '1h', trainingWindow: '1d' }, { from: TO - 3 * DAY, to: TO }, 'alert');
    expect(p.grid.length).toBe(p.trainingPoints);
  });

  it('ends history at now when the range ends in the future', () => {
    const now = TO - 2 * HOUR;
    const p = plan({ horizon: '1d', trainingWindow: '7d' }, { from: TO - 6 * HOUR, to: TO + DAY }, 'panel', now);
    expect(p.endMs).toBe(now);
    expect(p.grid.startMs + (p.grid.length - 1) * p.stepMs).toBeLessThanOrEqual(now);
    expect(p.horizonEndMs).toBe(now + DAY);
  });
});
