import { describe, expect, it } from '@jest/globals';
import { SequentialJudge } from '../../shared/judges/sequential.js';
import { createJudge } from '../../shared/judges/index.js';
import type { AnalysisPolicy } from '../../shared/model/plan.js';
import { Rng, seedFor } from '../../bench/sim/prng.js';
import { batch, HEALTHY, type VersionModel } from '../../bench/sim/traffic.js';
import { simulate } from '../../bench/sim/run.js';

const POLICY: AnalysisPolicy = { judge: 'sequential', errorTolerance: 0.01, latencyTolerance: 0.2, alpha: 0.01, minSamples: 50, onInconclusive: 'rollback' };

function run(seed: number, canary: VersionModel, stable: VersionModel, horizon: number) {
  return simulate(seed, canary, stable, [new SequentialJudge(POLICY)], { lookEvery: 20, horizon })[0];
}

describe('sequential judge', () => {
  it('is chosen by default and by name', () => {
    expect(createJudge(POLICY).name).toBe('sequential');
    expect(createJudge({ ...POLICY, judge: 'thresholds' }).name).toBe('thresholds');
  });

  it('does not roll back healthy canaries (200 seeded runs, α 1 %)', () => {
    let fails = 0;
    for (let r = 0; r < 200; r++) if (run(seedFor(101, r), HEALTHY, HEALTHY, 2000).decision === 'fail') fails++;
    // With α = 1 % the expected count is ≤ 2; 5 or more would be very unlikely (< 5 %) for a valid test.
    expect(fails).toBeLessThan(5);
  });

  it('fails a canary at 20 % errors fast', () => {
    for (let r = 0; r < 50; r++) {
      const res = run(seedFor(102, r), { ...HEALTHY, errorRate: 0.2 }, HEALTHY, 2000);
      expect(res.decision).toBe('fail');
      expect(res.samples).toBeLessThanOrEqual(300);
    }
  });

  it('fails a canary at +50 % latency', () => {
    const res = run(seedFor(103, 0), { ...HEALTHY, medianMs: 75 }, HEALTHY, 2000);
    expect(res.decision).toBe('fail');
  });

  it('passes a perfect canary, never before minSamples', () => {
    const judge = new SequentialJudge({ ...POLICY, minSamples: 400 });
    const rng = new Rng(7);
    const perfect = { ...HEALTHY, errorRate: 0 };
    let n = 0;
    let decision = 'continue';
    while (decision === 'continue' && n < 3000) {
      judge.observe(batch(rng, perfect, perfect, 20, n));
      n += 20;
      decision = judge.verdict(false).decision;
      if (n < 400) expect(decision).toBe('continue');
    }
    expect(decision).toBe('pass');
  });

  it('says continue with no data, and inconclusive at the final look', () => {
    const judge = new SequentialJudge(POLICY);
    judge.observe([]);
    const v = judge.verdict(false);
    expect(v.decision).toBe('continue');
    expect(v.samples).toEqual({ canary: 0, stable: 0 });
    const f = judge.verdict(true);
    expect(f.decision).toBe('continue');
    expect(f.reason).toMatch(/inconclusive/i);
  });

  it('never passes on canary samples alone', () => {
    const judge = new SequentialJudge({ ...POLICY, minSamples: 1 });
    const rng = new Rng(9);
    judge.observe(batch(rng, HEALTHY, HEALTHY, 2000, 0).filter((s) => s.side === 'canary'));
    const v = judge.verdict(true);
    expect(v.decision).toBe('continue');
    expect(v.reason).toMatch(/no stable samples/);
  });

  it('leaves weak evidence inconclusive at the final look', () => {
    const judge = new SequentialJudge(POLICY);
    judge.observe(batch(new Rng(11), HEALTHY, HEALTHY, 100, 0));
    const v = judge.verdict(true);
    expect(v.decision).toBe('continue');
    expect(v.reason).toMatch(/^Inconclusive/);
  });

  it('explains a failure with numbers, e-value and boundary', () => {
    const judge = new SequentialJudge(POLICY);
    const rng = new Rng(13);
    let v = judge.verdict(false);
    for (let n = 0; n < 2000 && v.decision === 'continue'; n += 20) {
      judge.observe(batch(rng, { ...HEALTHY, errorRate: 0.1 }, HEALTHY, 20, n));
      v = judge.verdict(false);
    }
    expect(v.decision).toBe('fail');
    const err = v.checks.find((c) => c.signal === 'error-rate');
    expect(err).toBeDefined();
    expect(err?.decision).toBe('fail');
    expect(err?.canary).toBeGreaterThan(0.05);
    expect(err?.stable).toBeLessThan(0.05);
    expect(err?.tolerance).toBe(0.01);
    expect(err?.boundary).toBeCloseTo(200, 6); // 1 / (α / 2): α is split over two signals
    expect(err?.statistic).toBeGreaterThanOrEqual(200);
    expect(err?.explanation).toMatch(/canary error rate \d+(\.\d+)? % vs stable \d+(\.\d+)? % over [\d,]+\/[\d,]+ requests; e-value \S+ ≥ 200 \(α 0\.5 %\): worse by more than 1 pt/);
    expect(v.reason).toContain(err?.explanation);
    const stats = judge.statistics();
    expect(Object.keys(stats).sort()).toEqual(['error-rate', 'error-rate.pass', 'latency', 'latency.pass']);
    expect(stats['error-rate']).toBeCloseTo(Math.log(err?.statistic ?? 0), 6);
    expect(v.checks.find((c) => c.signal === 'latency')?.explanation).toMatch(/slower than [\d.]+ ms \(stable p95 × 1\.2\)/);
  });

  it('uses max-latency as the slow line when set', () => {
    const judge = new SequentialJudge({ ...POLICY, maxLatencyMs: 100 });
    const rng = new Rng(17);
    let v = judge.verdict(false);
    for (let n = 0; n < 2000 && v.decision === 'continue'; n += 20) {
      judge.observe(batch(rng, { ...HEALTHY, medianMs: 120 }, HEALTHY, 20, n));
      v = judge.verdict(false);
    }
    expect(v.decision).toBe('fail');
    expect(v.checks.find((c) => c.signal === 'latency')?.explanation).toMatch(/slower than max-latency 100 ms/);
  });
});
