import { describe, expect, it } from '@jest/globals';
import { logFactorial, Rng, seedFor } from '../../../../bench/sim/prng.js';

describe('benchmark PRNG', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = new Rng(42),
      b = new Rng(42),
      c = new Rng(43);
    const xa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xa);
    expect(seedFor(1, 2)).not.toBe(seedFor(2, 1));
  });

  it('is roughly uniform and its normals roughly standard', () => {
    const r = new Rng(1);
    let s = 0,
      s2 = 0,
      below = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
      if (r.next() < 0.25) below++;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.05);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
    expect(Math.abs(below / n - 0.25)).toBeLessThan(0.02);
  });

  it('draws exponential gaps with mean 1', () => {
    const r = new Rng(5);
    let s = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) s += r.exponential();
    expect(Math.abs(s / n - 1)).toBeLessThan(0.03);
  });

  it.each([0.5, 4, 12, 180, 3000])('draws Poisson(%p) counts with the right mean and variance', (mean) => {
    const r = new Rng(Math.round(mean * 10));
    const n = 20000;
    let s = 0,
      s2 = 0;
    for (let i = 0; i < n; i++) {
      const k = r.poisson(mean);
      expect(Number.isInteger(k) && k >= 0).toBe(true);
      s += k;
      s2 += k * k;
    }
    const m = s / n;
    const v = s2 / n - m * m;
    // Standard error of the mean is sqrt(mean / n); of the variance about mean·sqrt(2 / n).
    expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / n));
    expect(Math.abs(v / mean - 1)).toBeLessThan(0.06);
    expect(r.poisson(0)).toBe(0);
  });

  it('computes log k! exactly for small k and by Stirling above', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 12);
    let exact = 0;
    for (let i = 2; i <= 40; i++) exact += Math.log(i);
    expect(logFactorial(40)).toBeCloseTo(exact, 9);
  });
});
