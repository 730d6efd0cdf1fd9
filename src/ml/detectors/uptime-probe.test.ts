import { performanceScore, UptimeProbeProfile } from './uptime-probe';

function constant(n: number, v: number): Float64Array {
  return new Float64Array(n).fill(v);
}

describe('performanceScore', () => {
  it('follows the piecewise scale', () => {
    expect(performanceScore(0)).toBe(0);
    expect(performanceScore(-0.3)).toBe(0);
    expect(performanceScore(0.25)).toBeCloseTo(12.5);
    expect(performanceScore(0.5)).toBeCloseTo(25);
    expect(performanceScore(0.75)).toBeCloseTo(37.5);
    expect(performanceScore(1)).toBeCloseTo(50);
    expect(performanceScore(1.5)).toBeCloseTo(75);
    expect(performanceScore(2)).toBeCloseTo(100);
    expect(performanceScore(5)).toBe(100);
    expect(performanceScore(NaN)).toBe(0);
  });
});

describe('UptimeProbeProfile', () => {
  it('scores a healthy probe 0', () => {
    const profile = new UptimeProbeProfile().fit(constant(100, 1), constant(100, 0.2));
    const { score } = profile.score(constant(50, 1), constant(50, 0.2));
    expect(Math.max(...score)).toBe(0);
  });

  it('weights a hard outage 0.4 magnitude + 0.4 change frequency', () => {
    const profile = new UptimeProbeProfile({ window: 10 }).fit(constant(100, 1), constant(100, 0.2));
    profile.score(constant(10, 1), constant(10, 0.2));
    const out = profile.score(constant(10, 0), constant(10, NaN));
    // Down for the whole window: magnitude 100, and the one up→down flip is still inside the window (1 of 6).
    expect(out.magnitude[9]).toBe(100);
    expect(out.score[9]).toBeCloseTo(0.4 * 100 + 0.4 * (100 / 6), 6);
  });

  it('saturates change frequency when the probe flaps', () => {
    const profile = new UptimeProbeProfile({ window: 20, flapChanges: 6 }).fit(constant(10, 1), constant(10, 1));
    const up = Float64Array.from({ length: 20 }, (_, i) => i % 2);
    const out = profile.score(up, constant(20, 1));
    expect(out.changeFrequency[19]).toBe(100);
    expect(out.magnitude[19]).toBeCloseTo(50);
    expect(out.score[19]).toBeCloseTo(0.4 * 100 + 0.4 * 50, 6);
  });

  it('scores a slowdown through the performance component, without learning it', () => {
    const profile = new UptimeProbeProfile().fit(constant(100, 1), constant(100, 0.1));
    const out = profile.score(constant(200, 1), constant(200, 0.25));
    // 150% slower → 75 points → 0.2 · 75 = 15, still after 200 probes.
    expect(out.performance[199]).toBeCloseTo(75, 6);
    expect(out.score[199]).toBeCloseTo(15, 6);
    expect(profile.responseTimeBaseline).toBeCloseTo(0.1, 6);
  });

  it('ignores missing probes and starts without history', () => {
    const profile = new UptimeProbeProfile();
    const out = profile.score(Float64Array.of(NaN, 1, 1, NaN), Float64Array.of(NaN, 0.3, 0.3, NaN));
    expect(Array.from(out.score).every(Number.isFinite)).toBe(true);
    expect(profile.responseTimeBaseline).toBeCloseTo(0.3);
  });
});
