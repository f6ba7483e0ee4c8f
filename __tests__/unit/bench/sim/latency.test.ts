import { describe, expect, it } from '@jest/globals';
import { drawLatency, latencyQuantile, latencySurvival, latencyText, slower, type LatencyModel } from '../../../../bench/sim/latency.js';
import { Rng } from '../../../../bench/sim/prng.js';

const LOGNORMAL: LatencyModel = { kind: 'lognormal', medianMs: 50, sigma: 1.5 };
const PARETO: LatencyModel = { kind: 'pareto', minMs: 20, shape: 1.1 };

describe('benchmark latency models', () => {
  it.each([LOGNORMAL, PARETO])('quantile and survival agree (%j)', (m) => {
    for (const q of [0.1, 0.5, 0.95, 0.99]) expect(1 - latencySurvival(m, latencyQuantile(m, q))).toBeCloseTo(q, 6);
  });

  it.each([LOGNORMAL, PARETO])('draws match the distribution (%j)', (m) => {
    const r = new Rng(3);
    const n = 40000;
    const p95 = latencyQuantile(m, 0.95);
    const med = latencyQuantile(m, 0.5);
    let above95 = 0,
      aboveMed = 0;
    for (let i = 0; i < n; i++) {
      const x = drawLatency(r, m);
      if (x > p95) above95++;
      if (x > med) aboveMed++;
    }
    expect(Math.abs(above95 / n - 0.05)).toBeLessThan(0.005);
    expect(Math.abs(aboveMed / n - 0.5)).toBeLessThan(0.01);
  });

  it('knows the closed forms: log-normal median, Pareto tail', () => {
    expect(latencyQuantile(LOGNORMAL, 0.5)).toBeCloseTo(50, 6);
    expect(latencyQuantile(PARETO, 0.95)).toBeCloseTo(20 / Math.pow(0.05, 1 / 1.1), 9);
    expect(latencySurvival(PARETO, 10)).toBe(1);
    expect(latencySurvival(PARETO, 40)).toBeCloseTo(Math.pow(0.5, 1.1), 12);
  });

  it('a 1.5× slower model is 1.5× at every percentile', () => {
    for (const m of [LOGNORMAL, PARETO]) {
      const s = slower(m, 1.5);
      for (const q of [0.5, 0.95, 0.999]) expect(latencyQuantile(s, q) / latencyQuantile(m, q)).toBeCloseTo(1.5, 6);
    }
    expect(latencyText(slower(PARETO, 1.5))).toBe('Pareto (min 20 ms, α 1.1, 1.5× slower)');
    expect(latencyText(LOGNORMAL)).toBe('log-normal (median 50 ms, σ 1.5)');
  });
});
