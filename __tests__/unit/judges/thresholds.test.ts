import { describe, expect, it } from '@jest/globals';
import { ThresholdsJudge } from '../../../shared/judges/thresholds.js';
import type { AnalysisPolicy } from '../../../shared/model/plan.js';
import type { Sample } from '../../../shared/model/sample.js';
import { POLICY as DEFAULTS } from '../../../bench/sim/cases.js';

const POLICY: AnalysisPolicy = { ...DEFAULTS, judge: 'thresholds' };

/** Deterministic traffic: every `errorEvery`-th request fails; latency fixed. */
function traffic(side: 'canary' | 'stable', n: number, errorEvery: number, latencyMs: number): Sample[] {
  return Array.from({ length: n }, (_, i) => {
    const ok = errorEvery === 0 || (i + 1) % errorEvery !== 0;
    return { side, ok, status: ok ? 200 : 500, latencyMs, at: i };
  });
}

describe('thresholds judge', () => {
  it('continues below minSamples, even when the canary looks bad', () => {
    const j = new ThresholdsJudge(POLICY);
    j.observe([...traffic('canary', 40, 2, 10), ...traffic('stable', 40, 0, 10)]);
    expect(j.verdict(false).decision).toBe('continue');
    expect(j.verdict(true).decision).toBe('continue');
    expect(j.verdict(true).reason).toMatch(/Inconclusive: fewer than 50 samples/);
  });

  it('fails on error rate above stable + tolerance', () => {
    const j = new ThresholdsJudge(POLICY);
    j.observe([...traffic('canary', 100, 20, 10), ...traffic('stable', 100, 100, 10)]);
    const v = j.verdict(false);
    expect(v.decision).toBe('fail');
    const c = v.checks.find((x) => x.signal === 'error-rate');
    expect(c?.canary).toBeCloseTo(0.05);
    expect(c?.stable).toBeCloseTo(0.01);
    expect(c?.statistic).toBeCloseTo(0.04);
    expect(c?.boundary).toBe(0.01);
    expect(c?.explanation).toBe('canary error rate 5.0 % vs stable 1.0 % over 100/100 requests; difference 4 pt > 1 pt allowed');
  });

  it('fails on p95 above stable p95 × (1 + tolerance), or above max-latency', () => {
    const j = new ThresholdsJudge(POLICY);
    j.observe([...traffic('canary', 100, 0, 130), ...traffic('stable', 100, 0, 100)]);
    expect(j.verdict(false).decision).toBe('fail');
    const k = new ThresholdsJudge({ ...POLICY, maxLatencyMs: 150 });
    k.observe([...traffic('canary', 100, 0, 130), ...traffic('stable', 100, 0, 100)]);
    expect(k.verdict(false).decision).toBe('continue');
    expect(k.verdict(true).decision).toBe('pass');
  });

  it('passes only at the final look when within', () => {
    const j = new ThresholdsJudge(POLICY);
    j.observe([...traffic('canary', 100, 100, 110), ...traffic('stable', 100, 100, 100)]);
    expect(j.verdict(false).decision).toBe('continue');
    const v = j.verdict(true);
    expect(v.decision).toBe('pass');
    expect(v.checks.every((c) => c.decision === 'pass')).toBe(true);
  });

  it('fails on error rate as soon as both sides reach minSamples, not before', () => {
    const j = new ThresholdsJudge(POLICY);
    j.observe([...traffic('canary', 49, 10, 10), ...traffic('stable', 60, 0, 10)]);
    expect(j.verdict(false).decision).toBe('continue');
    j.observe(traffic('canary', 1, 0, 10));
    const v = j.verdict(false);
    expect(v.decision).toBe('fail');
    expect(v.samples).toEqual({ canary: 50, stable: 60 });
    expect(v.reason).toMatch(/^The canary is worse than stable: canary error rate 8\.0 % vs stable 0\.0 %/);
  });

  it('carries evidence for both signals, with the p95 limit as boundary', () => {
    const j = new ThresholdsJudge(POLICY);
    j.observe([...traffic('canary', 100, 0, 130), ...traffic('stable', 100, 0, 100)]);
    const v = j.verdict(false);
    expect(v.checks.map((c) => c.signal)).toEqual(['error-rate', 'latency']);
    for (const c of v.checks) {
      for (const k of ['canary', 'stable', 'tolerance', 'statistic', 'boundary'] as const) expect(Number.isFinite(c[k])).toBe(true);
      expect(c.explanation.length).toBeGreaterThan(10);
    }
    const lat = v.checks[1];
    expect(lat.decision).toBe('fail');
    expect(lat.canary).toBe(130);
    expect(lat.stable).toBe(100);
    expect(lat.tolerance).toBe(0.2);
    expect(lat.statistic).toBe(130);
    expect(lat.boundary).toBeCloseTo(120);
    expect(lat.explanation).toBe('canary p95 130 ms vs stable p95 100 ms over 100/100 requests; above the limit 120 ms (stable p95 × 1.2)');
    expect(v.checks[0].decision).toBe('continue');
    const stats = j.statistics();
    expect(stats['error-rate']).toBe(0);
    expect(stats.latency).toBeCloseTo(130 / 120);
  });

  it('says continue with no data', () => {
    const j = new ThresholdsJudge(POLICY);
    expect(j.verdict(false).decision).toBe('continue');
    expect(j.verdict(true).decision).toBe('continue');
  });
});
