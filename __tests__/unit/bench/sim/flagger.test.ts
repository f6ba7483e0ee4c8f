import { describe, expect, it } from '@jest/globals';
import { checkFailProbability, checkFailProbabilityFixed, checkPasses, runFlagger } from '../../../../bench/sim/flagger.js';
import { seedFor } from '../../../../bench/sim/prng.js';

describe('Flagger at its defaults (simulated)', () => {
  it('passes a check at exactly 99 % success and fails one below it or with no traffic', () => {
    expect(checkPasses(1188, 1200)).toBe(true);
    expect(checkPasses(1187, 1200)).toBe(false);
    expect(checkPasses(0, 0)).toBe(false);
  });

  it('fails ~42 % of windows of exactly 1,200 requests at 1 % errors (the issue’s figure), more with Poisson counts', () => {
    expect(checkFailProbabilityFixed(1200, 0.01)).toBeCloseTo(0.424, 2);
    const poisson = checkFailProbability(20, 0.01);
    expect(poisson).toBeGreaterThan(0.47);
    expect(poisson).toBeLessThan(0.49);
    // Simple cases by hand: no errors never fails (given traffic); at 100 % errors always fails.
    expect(checkFailProbability(10, 0)).toBeCloseTo(Math.exp(-600), 12);
    expect(checkFailProbability(10, 1)).toBeCloseTo(1, 9);
  });

  it('simulated checks fail as often as the exact probability says', () => {
    const runs = 4000;
    let failed = 0;
    for (let r = 0; r < runs; r++) if (runFlagger(seedFor(7, r), { errorRate: 0.01, total: 50, weights: [10], threshold: 1 }).firstCheckFailed) failed++;
    const p = checkFailProbability(5, 0.01);
    expect(Math.abs(failed / runs - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / runs));
  });

  it('rolls back after `threshold` failed checks, 60 s apart, and advances the weight on a passed check', () => {
    const bad = runFlagger(1, { errorRate: 0.5, total: 200, weights: [10], threshold: 5 });
    // Five failed checks at 60, 120, … 300 s; the scheduler's next run (360 s) rolls back.
    expect(bad).toEqual({ result: 'fail', seconds: 360, firstCheckFailed: true });
    expect(runFlagger(1, { errorRate: 0.5, total: 200, weights: [10], threshold: 1 }).seconds).toBe(120);
    const good = runFlagger(2, { errorRate: 0, total: 200, weights: [10, 20, 30, 40, 50], threshold: 1 });
    expect(good).toEqual({ result: 'promoted', seconds: 300, firstCheckFailed: false });
  });

  it('a shared incident inside the first minute fails the first check', () => {
    const o = runFlagger(3, { errorRate: 0.01, incident: { fromS: 20, toS: 30, errorRate: 0.1 }, total: 200, weights: [10], threshold: 1 });
    expect(o).toEqual({ result: 'fail', seconds: 120, firstCheckFailed: true });
  });
});
