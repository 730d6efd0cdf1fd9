import { gaussian, mulberry32 } from 'ml/stats';
import { buildNabPool, NAB_FEATURES, nabWindowFeatures, overlapsAnyWindow } from './active-nab-pool';
import { buildPetshopPool, changeAcrossTarget, parsePetshopMetrics, type PetshopIssue } from './active-petshop-pool';
import { buildSmdPool, smdFeatureCount } from './active-smd-pool';
import type { NabFile } from './nab-data';
import type { SmdMachine } from './smd-data';

function noisySeries(n: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from({ length: n }, () => 100 + gaussian(rng));
}

describe('NAB window pool', () => {
  it('scores a window holding a spike far above one of plain noise', () => {
    const values = noisySeries(600, 1);
    values[550] += 40;
    const quiet = new Float64Array(NAB_FEATURES.length);
    const spiky = new Float64Array(NAB_FEATURES.length);
    nabWindowFeatures(values, 200, 500, 532, quiet);
    nabWindowFeatures(values, 232, 532, 564, spiky);
    const maxZ = NAB_FEATURES.indexOf('max_robust_z');
    const newHigh = NAB_FEATURES.indexOf('new_high_z');
    expect(spiky[maxZ]).toBeGreaterThan(quiet[maxZ] + 1.5);
    expect(spiky[newHigh]).toBeGreaterThan(0);
    expect(quiet[newHigh]).toBeLessThanOrEqual(0);
  });

  it('labels a window by inclusive overlap with a labeled window', () => {
    expect(overlapsAnyWindow(10, 20, [[20, 30]])).toBe(true);
    expect(overlapsAnyWindow(10, 19, [[20, 30]])).toBe(false);
    expect(overlapsAnyWindow(31, 40, [[20, 30]])).toBe(false);
  });

  it('cuts series into non-overlapping windows after half a context, with labels from the windows', () => {
    const n = 1000;
    const file: NabFile = {
      key: 'c/a.csv',
      category: 'c',
      name: 'a.csv',
      timestampText: [],
      times: Float64Array.from({ length: n }, (_, i) => 300 * i),
      values: noisySeries(n, 2),
      windows: [[300 * 700, 300 * 760]],
    };
    const pool = buildNabPool([file], { window: 50, context: 200, neighbourhood: 1 });
    // Windows start at 100, 150, …, 950 (the last one ending at row 999).
    expect(pool.rows).toBe(18);
    expect(pool.cols).toBe(NAB_FEATURES.length);
    expect(pool.features.every(Number.isFinite)).toBe(true);
    // Rows 700–760 are labeled: windows [700, 750) and [750, 800) touch them, [650, 700) ends just before.
    expect(Array.from(pool.labels).reduce((s, l) => s + l, 0)).toBe(2);
    expect(pool.labels[(700 - 100) / 50]).toBe(1);
    expect(pool.labels[(650 - 100) / 50]).toBe(0);
  });
});

describe('SMD segment pool', () => {
  it('describes segments against the training half and labels any anomalous row', () => {
    const dims = 3;
    const rng = mulberry32(3);
    const trainRows = 200;
    const testRows = 60;
    // Noise well below the 0.01 spread floor, so no dimension of the quiet segment reaches 3σ.
    const train = Float64Array.from({ length: trainRows * dims }, () => 0.5 + 0.002 * gaussian(rng));
    const test = Float64Array.from({ length: testRows * dims }, () => 0.5 + 0.002 * gaussian(rng));
    for (let r = 35; r < 40; r++) {
      test[r * dims + 1] = 0.9; // dimension 2 jumps in the second segment
    }
    const labels = new Uint8Array(testRows);
    labels.fill(1, 36, 38);
    const machine: SmdMachine = { name: 'm', cols: dims, train, trainRows, test, testRows, labels, segments: [] };
    const pool = buildSmdPool([machine], { segment: 30 });
    expect(pool.rows).toBe(2);
    expect(pool.cols).toBe(smdFeatureCount(dims));
    expect(Array.from(pool.labels)).toEqual([0, 1]);
    const feature = (row: number, index: number) => pool.features[row * pool.cols + index];
    // max |z| of dimension 2 (feature 2), and the count of dimensions beyond 3σ (feature 2·dims).
    expect(feature(1, 2)).toBeGreaterThan(feature(0, 2) + 1);
    expect(feature(1, 2 * dims)).toBe(1);
    expect(feature(0, 2 * dims)).toBe(0);
  });
});

describe('PetShop issue pool', () => {
  const csv = [
    'microservice,a,a,b,b',
    'metric,latency,requests,latency,availability',
    'statistic,Average,Sum,Average,Average',
    'unix_timestamp,,,,',
    '100.0,1.0,10,2.0,100',
    '200.0,1.0,,2.0,100',
    '300.0,3.0,10,2.0,50',
    '400.0,,10,,50',
  ].join('\n');

  it('parses the four header lines and keeps empty cells as missing', () => {
    const parsed = parsePetshopMetrics(csv);
    expect(parsed.columns[3]).toEqual({ node: 'b', metric: 'availability', statistic: 'Average' });
    expect(Array.from(parsed.times)).toEqual([100, 200, 300, 400]);
    expect(Number.isNaN(parsed.values[1 * 4 + 1])).toBe(true);
    expect(() => parsePetshopMetrics('metric,x\n')).toThrow(/microservice/);
  });

  it('measures each column across the target time and labels the root cause', () => {
    const issue = (rootCause: string): PetshopIssue => ({
      id: rootCause,
      rootCause,
      targetTime: 250,
      ...parsePetshopMetrics(csv),
    });
    const a = issue('a');
    // a:latency goes from 1 to 3: relative change 2.
    expect(changeAcrossTarget(a, 0)).toBeCloseTo(Math.asinh(2), 6);
    expect(changeAcrossTarget(a, 3)).toBeCloseTo(Math.asinh(-0.5), 6);
    const { pool, classNames, featureNames } = buildPetshopPool([a, issue('b'), issue('a')]);
    expect(classNames).toEqual(['a', 'b']);
    expect(Array.from(pool.labels)).toEqual([0, 1, 0]);
    expect(featureNames).toContain('a:latency:Average');
    // a has no availability column: that feature is missing, not zero.
    expect(Number.isNaN(pool.features[featureNames.indexOf('a:availability:Average')])).toBe(true);
  });
});
