import { autocorrelation } from './autocorrelation';
import { gaussian, mulberry32 } from './random';
import { seasonalStrength } from './seasonal-strength';
import { calendarPeriods, detectSeasonalPeriods } from './seasonality';

function directAcf(x: Float64Array, lag: number): number {
  let m = 0;
  for (const v of x) {
    m += v;
  }
  m /= x.length;
  let c0 = 0;
  let ck = 0;
  for (let i = 0; i < x.length; i++) {
    c0 += (x[i] - m) ** 2;
    if (i >= lag) {
      ck += (x[i] - m) * (x[i - lag] - m);
    }
  }
  return ck / c0;
}

describe('autocorrelation', () => {
  it('agrees with the direct sum on both the direct and the FFT route', () => {
    const rng = mulberry32(5);
    for (const n of [50, 30000]) {
      const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 3) + gaussian(rng));
      const maxLag = n > 1000 ? 400 : 20;
      const acf = autocorrelation(x, maxLag);
      expect(acf[0]).toBeCloseTo(1, 10);
      for (const lag of [1, 7, maxLag]) {
        expect(acf[lag]).toBeCloseTo(directAcf(x, lag), 8);
      }
    }
  });

  it('is zero for a constant series and bounded by the series length', () => {
    expect(Array.from(autocorrelation(new Float64Array(10).fill(3), 4))).toEqual([0, 0, 0, 0, 0]);
    expect(autocorrelation(new Float64Array(3), 10).length).toBe(3);
  });
});

function hourly(hours: number, seed: number, noise: number, weekly: number): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from({ length: hours }, (_, t) => {
    const daily = Math.sin((2 * Math.PI * t) / 24);
    const week = Math.floor(t / 24) % 7 >= 5 ? -weekly : 0;
    return 10 + 0.01 * t + daily + week + noise * gaussian(rng);
  });
}

describe('detectSeasonalPeriods', () => {
  it('finds a daily cycle in noisy hourly data despite a trend', () => {
    expect(detectSeasonalPeriods(hourly(24 * 30, 1, 0.3, 0))).toEqual([24]);
  });

  it('finds daily and weekly cycles, daily first, and not the daily echoes', () => {
    const periods = detectSeasonalPeriods(hourly(24 * 7 * 8, 2, 0.2, 1.5), { maxPeriod: 24 * 8 });
    expect(periods).toEqual([24, 168]);
  });

  it('restricts the answer to the given candidates', () => {
    const x = hourly(24 * 7 * 8, 3, 0.2, 1.5);
    expect(detectSeasonalPeriods(x, { candidates: [168] })).toEqual([168]);
    expect(detectSeasonalPeriods(x, { candidates: [12, 36] })).toEqual([]);
  });

  it('finds nothing in white noise or a random walk', () => {
    const rng = mulberry32(9);
    const noise = Float64Array.from({ length: 2000 }, () => gaussian(rng));
    let level = 0;
    const walk = Float64Array.from({ length: 2000 }, () => (level += gaussian(rng)));
    expect(detectSeasonalPeriods(noise)).toEqual([]);
    expect(detectSeasonalPeriods(walk)).toEqual([]);
  });

  it('handles short, constant and gappy series without throwing', () => {
    expect(detectSeasonalPeriods(new Float64Array(3))).toEqual([]);
    expect(detectSeasonalPeriods(new Float64Array(500).fill(1))).toEqual([]);
    const gappy = hourly(24 * 20, 4, 0.1, 0);
    for (let i = 0; i < gappy.length; i += 7) {
      gappy[i] = NaN;
    }
    expect(detectSeasonalPeriods(gappy)).toEqual([24]);
  });
});

describe('random', () => {
  it('is reproducible per seed and roughly standard normal', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect(a()).toBe(b());
    const rng = mulberry32(1);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const g = gaussian(rng);
      s += g;
      s2 += g * g;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
  });
});

describe('calendarPeriods', () => {
  it('lists the hour divisors of a day, the day and the week in samples', () => {
    expect(calendarPeriods(300)).toEqual([12, 24, 36, 48, 72, 96, 144, 288, 2016]);
    expect(calendarPeriods(3600)).toEqual([2, 3, 4, 6, 8, 12, 24, 168]);
    expect(calendarPeriods(86400)).toEqual([7]);
    expect(calendarPeriods(0)).toEqual([]);
  });

  it('lets a spiky daily series be found despite a few huge outliers', () => {
    const x = hourly(24 * 30, 8, 0.3, 0);
    for (const i of [50, 300, 500]) {
      x[i] = 1e4;
    }
    expect(detectSeasonalPeriods(x, { candidates: calendarPeriods(3600) })).toEqual([24]);
  });
});

describe('seasonal strength and calendar candidates', () => {
  it('scores a clear cycle near 1 and noise near 0, whatever the number of cycles', () => {
    const rng = mulberry32(12);
    const noise = Float64Array.from({ length: 24 * 3 }, () => gaussian(rng));
    expect(seasonalStrength(noise, 24)).toBeLessThan(0.2);
    expect(seasonalStrength(hourly(24 * 10, 13, 0.1, 0), 24)).toBeGreaterThan(0.9);
    expect(seasonalStrength(noise, 48)).toBe(0);
  });

  it('finds a daily ripple on a smooth, wandering series that shows no ACF peak', () => {
    const rng = mulberry32(14);
    let level = 0;
    const x = Float64Array.from({ length: 24 * 40 }, (_, t) => {
      level += 0.3 * gaussian(rng);
      return level + 2 * Math.sin((2 * Math.PI * t) / 24) + 0.2 * gaussian(rng);
    });
    expect(detectSeasonalPeriods(x, { candidates: calendarPeriods(3600) })).toEqual([24]);
    // Without candidates, the ACF search falls back to first differences, where the ripple shows.
    expect(detectSeasonalPeriods(x, { maxPeriod: 30 })[0]).toBe(24);
  });

  it('prefers the day over the week unless the week explains clearly more', () => {
    expect(detectSeasonalPeriods(hourly(24 * 7 * 4, 15, 0.2, 0), { candidates: calendarPeriods(3600) })).toEqual([24]);
    const weekly = detectSeasonalPeriods(hourly(24 * 7 * 4, 16, 0.2, 3), { candidates: calendarPeriods(3600) });
    expect(weekly).toContain(168);
  });
});
