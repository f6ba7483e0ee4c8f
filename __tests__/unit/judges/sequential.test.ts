import { describe, expect, it } from '@jest/globals';
import { SequentialJudge } from '../../../shared/judges/sequential.js';
import { ThresholdsJudge } from '../../../shared/judges/thresholds.js';
import type { AnalysisPolicy } from '../../../shared/model/plan.js';
import type { Verdict } from '../../../shared/model/verdict.js';
import type { Sample } from '../../../shared/model/sample.js';
import { Rng, seedFor } from '../../../bench/sim/prng.js';
import { batch, HEALTHY, type VersionModel } from '../../../bench/sim/traffic.js';
import { simulate } from '../../../bench/sim/run.js';
import { POLICY as DEFAULTS } from '../../../bench/sim/cases.js';

/** The catalogue's defaults. */
const POLICY: AnalysisPolicy = DEFAULTS;
const LOOK = 20;

function run(seed: number, canary: VersionModel, stable: VersionModel, horizon: number, policy = POLICY) {
  return simulate(seed, canary, stable, [new SequentialJudge(policy)], { lookEvery: LOOK, horizon })[0];
}

/** Feeds `look`-sized batches until the judge decides or `max` samples per side; returns every verdict. */
function drive(judge: SequentialJudge, rng: Rng, canary: VersionModel, stable: VersionModel, max: number): Verdict[] {
  const out: Verdict[] = [];
  for (let n = 0; n < max; n += LOOK) {
    judge.observe(batch(rng, canary, stable, LOOK, n));
    const v = judge.verdict(n + LOOK >= max);
    out.push(v);
    if (v.decision !== 'continue') break;
  }
  return out;
}

describe('sequential judge', () => {
  it('rarely rolls back healthy canaries looked at every 20 samples, where a naive check often does', () => {
    const runs = 200;
    let sequentialFails = 0;
    let naiveFails = 0;
    for (let r = 0; r < runs; r++) {
      // Same stream for both judges: the difference is the method, not the luck of the draw.
      const [seq, naive] = simulate(seedFor(201, r), HEALTHY, HEALTHY, [new SequentialJudge(POLICY), new ThresholdsJudge({ ...POLICY, judge: 'thresholds' })], {
        lookEvery: LOOK,
        horizon: 3000
      });
      if (seq.decision === 'fail') sequentialFails++;
      if (naive.decision === 'fail') naiveFails++;
    }
    // α = 1 %: expect 0–few. 2 % of the runs is the bar.
    expect(sequentialFails).toBeLessThanOrEqual(runs * 0.02);
    // The test has teeth: uncorrected repeated looks at the same streams roll back a large share
    // (about half in docs/benchmarks.md), so a judge that behaved like that would fail above.
    expect(naiveFails).toBeGreaterThan(runs * 0.1);
  });

  it('fails a canary at 20 % errors (stable 1 %) within a few hundred samples', () => {
    for (let r = 0; r < 50; r++) {
      const res = run(seedFor(202, r), { ...HEALTHY, errorRate: 0.2 }, HEALTHY, 3000);
      expect(res.decision).toBe('fail');
      expect(res.samples).toBeLessThanOrEqual(300);
    }
  });

  it('fails a canary at +50 % latency', () => {
    const took: number[] = [];
    for (let r = 0; r < 20; r++) {
      const res = run(seedFor(203, r), { ...HEALTHY, medianMs: 75 }, HEALTHY, 3000);
      expect(res.decision).toBe('fail');
      took.push(res.samples);
    }
    // Most runs decide within a few hundred pairs (median 160 in docs/benchmarks.md); a few take longer.
    expect(took.sort((a, b) => a - b)[10]).toBeLessThanOrEqual(400);
    const judge = new SequentialJudge(POLICY);
    const last = drive(judge, new Rng(31), { ...HEALTHY, medianMs: 75 }, HEALTHY, 3000).at(-1);
    expect(last?.decision).toBe('fail');
    expect(last?.checks.find((c) => c.signal === 'latency')?.decision).toBe('fail');
  });

  it('passes a canary worse by exactly the tolerance (2 % vs 1 %) in at most β of runs, and fewer at a smaller β', () => {
    const passes = (beta: number) => {
      let n = 0;
      for (let r = 0; r < 100; r++) if (run(seedFor(209, r), { ...HEALTHY, errorRate: 0.02 }, HEALTHY, 3000, { ...POLICY, beta }).decision === 'pass') n++;
      return n;
    };
    const atDefault = passes(POLICY.beta);
    const strict = passes(0.01);
    // β 5 % of 100 runs is 5 (measured: 1); the bound holds whenever the judge looks, so a few more is luck, many more a bug.
    expect(atDefault).toBeLessThanOrEqual(8);
    expect(strict).toBeLessThanOrEqual(3);
    expect(strict).toBeLessThanOrEqual(atDefault);
    // The test has teeth: a loose budget lets many such canaries through (measured: 20 of 100 at β 20 %).
    expect(passes(0.2)).toBeGreaterThan(atDefault);
  });

  it('says continue with no data, never pass, and inconclusive at the final look', () => {
    const judge = new SequentialJudge({ ...POLICY, minSamples: 0 });
    judge.observe([]);
    const v = judge.verdict(false);
    expect(v.decision).toBe('continue');
    expect(v.samples).toEqual({ canary: 0, stable: 0 });
    expect(v.reason).toMatch(/no samples/);
    const f = judge.verdict(true);
    expect(f.decision).toBe('continue');
    expect(f.reason).toMatch(/inconclusive/i);
  });

  it.each(['canary', 'stable'] as const)('never passes on %s samples alone', (side) => {
    const judge = new SequentialJudge({ ...POLICY, minSamples: 1 });
    const perfect = { ...HEALTHY, errorRate: 0 };
    const rng = new Rng(9);
    for (let n = 0; n < 3000; n += LOOK) {
      judge.observe(batch(rng, perfect, perfect, LOOK, n).filter((s) => s.side === side));
      expect(judge.verdict(false).decision).toBe('continue');
    }
    const v = judge.verdict(true);
    expect(v.decision).toBe('continue');
    expect(v.reason).toMatch(side === 'canary' ? /no stable samples/ : /no canary samples/);
    expect(v.reason).toMatch(/^Inconclusive/);
    expect(v.samples).toEqual(side === 'canary' ? { canary: 3000, stable: 0 } : { canary: 0, stable: 3000 });
  });

  it('leaves weak evidence inconclusive at the final look', () => {
    const judge = new SequentialJudge(POLICY);
    judge.observe(batch(new Rng(11), HEALTHY, HEALTHY, 100, 0));
    const v = judge.verdict(true);
    expect(v.decision).toBe('continue');
    expect(v.reason).toMatch(/^Inconclusive: the evidence over 100\/100 requests shows neither/);
    expect(judge.verdict(false).reason).toMatch(/^Collecting/);
  });

  it('names the signal an inconclusive step still waits on', () => {
    // Every request takes 10 ms on both sides: no error, so the error rate passes, but no request of
    // either side is past its line, so nothing shows the canary within 20 % of stable's latency.
    const judge = new SequentialJudge(POLICY);
    for (let look = 0; look < 40; look++) {
      const samples: Sample[] = [];
      for (let i = 0; i < 50; i++)
        for (const side of ['canary', 'stable'] as const) samples.push({ side, ok: true, status: 200, latencyMs: 10, at: look * 1000 + i });
      judge.observe(samples);
    }
    const v = judge.verdict(true);
    expect(v.decision).toBe('continue');
    expect(v.checks.map((c) => [c.signal, c.decision])).toEqual([
      ['error-rate', 'pass'],
      ['latency', 'continue']
    ]);
    expect(v.reason).toMatch(/shows neither a canary worse than the tolerance nor one within it \(latency undecided; error rate within tolerance\)\.$/);
  });

  it('passes a perfect canary (0 % vs 0 %), never before minSamples', () => {
    for (const minSamples of [50, 400, 1500]) {
      const judge = new SequentialJudge({ ...POLICY, minSamples });
      const perfect = { ...HEALTHY, errorRate: 0 };
      const verdicts = drive(judge, new Rng(7 + minSamples), perfect, perfect, 3000);
      const last = verdicts.at(-1) as Verdict;
      expect(last.decision).toBe('pass');
      expect(last.samples.canary).toBeGreaterThanOrEqual(minSamples);
      expect(last.samples.stable).toBeGreaterThanOrEqual(minSamples);
      for (const v of verdicts) if (v.samples.canary < minSamples) expect(v.decision).toBe('continue');
      expect(last.checks.every((c) => c.decision === 'pass')).toBe(true);
      expect(last.reason).toMatch(/within tolerance on every signal/);
    }
  });

  it('explains a failure with numbers, tolerance, e-value and boundary', () => {
    const judge = new SequentialJudge(POLICY);
    const v = drive(judge, new Rng(13), { ...HEALTHY, errorRate: 0.1 }, HEALTHY, 2000).at(-1) as Verdict;
    expect(v.decision).toBe('fail');
    expect(v.samples.canary).toBeGreaterThan(0);
    expect(v.samples.canary).toBe(v.samples.stable);
    expect(v.checks.map((c) => c.signal).sort()).toEqual(['error-rate', 'latency']);
    for (const c of v.checks) {
      for (const k of ['canary', 'stable', 'tolerance', 'statistic', 'boundary'] as const) expect(Number.isFinite(c[k])).toBe(true);
      expect(c.explanation.length).toBeGreaterThan(10);
    }
    const err = v.checks.find((c) => c.signal === 'error-rate');
    expect(err?.decision).toBe('fail');
    expect(err?.canary).toBeGreaterThan(0.05);
    expect(err?.stable).toBeLessThan(0.05);
    expect(err?.tolerance).toBe(0.01);
    expect(err?.boundary).toBeCloseTo(200, 6); // 1 / (α / 2): α is split over two signals on the fail side
    expect(err?.statistic).toBeGreaterThanOrEqual(200);
    expect(err?.explanation).toMatch(
      /canary error rate \d+(\.\d+)? % vs stable \d+(\.\d+)? % over [\d,]+\/[\d,]+ requests; e-value \S+ ≥ 200 \(α 0\.5 %\): worse by more than 1 pt/
    );
    expect(v.reason).toContain(err?.explanation);
    const lat = v.checks.find((c) => c.signal === 'latency');
    // The relative line carries the tolerance (stable's requests are compared at the line ÷ 1.2), so it is latency-tolerance, not points.
    expect(lat?.tolerance).toBe(0.2);
    expect(lat?.explanation).toMatch(
      /of canary requests slower than [\d.]+ ms \(stable p95 × 1\.2\) vs [\d.]+ % of stable requests slower than [\d.]+ ms \(its p95\)/
    );
  });

  it('reports finite statistics keyed by signal, matching the evidence', () => {
    const judge = new SequentialJudge(POLICY);
    const empty = judge.statistics();
    expect(Object.keys(empty).sort()).toEqual(['error-rate', 'error-rate.pass', 'latency', 'latency.pass']);
    const v = drive(judge, new Rng(19), HEALTHY, HEALTHY, 600).at(-1) as Verdict;
    const stats = judge.statistics();
    expect(Object.keys(stats).sort()).toEqual(['error-rate', 'error-rate.pass', 'latency', 'latency.pass']);
    for (const x of Object.values(stats)) expect(Number.isFinite(x)).toBe(true);
    const err = v.checks.find((c) => c.signal === 'error-rate');
    const shown = Math.log(err?.statistic ?? 0);
    expect([stats['error-rate'], stats['error-rate.pass']].some((s) => Math.abs(s - shown) < 1e-9)).toBe(true);
  });

  it('uses max-latency as the slow line when set', () => {
    const judge = new SequentialJudge({ ...POLICY, maxLatencyMs: 100 });
    const v = drive(judge, new Rng(17), { ...HEALTHY, medianMs: 120 }, HEALTHY, 2000).at(-1) as Verdict;
    expect(v.decision).toBe('fail');
    expect(v.checks.find((c) => c.signal === 'latency')?.explanation).toMatch(/slower than max-latency 100 ms/);
  });
});

describe('sequential judge and requests without their own latency (HAProxy counters)', () => {
  /** A read of HAProxy's counters: outcomes only, latency null. */
  const untimed = (side: 'canary' | 'stable', n: number, bad: number, at: number): Sample[] =>
    Array.from({ length: n }, (_, i) => ({ side, ok: i >= bad, status: i >= bad ? 200 : 500, latencyMs: null, at, source: 'haproxy' }));

  it('passes on error rate alone and says latency was not compared', () => {
    const judge = new SequentialJudge(POLICY);
    let v: Verdict | undefined;
    for (let look = 0; look < 400 && v?.decision !== 'pass'; look++) {
      judge.observe([...untimed('canary', 20, look % 10 === 0 ? 1 : 0, look * 1000), ...untimed('stable', 180, look % 2 === 0 ? 2 : 1, look * 1000)]);
      v = judge.verdict(false);
    }
    expect(v?.decision).toBe('pass');
    expect(v?.checks.map((c) => c.signal)).toEqual(['error-rate']);
    expect(v?.reason).toMatch(/latency was not compared/);
  });

  it('compares latency on timed requests only: untimed ones neither help nor hurt', () => {
    // The canary's timed requests are twice as slow; many untimed requests must not dilute that.
    const judge = new SequentialJudge(POLICY);
    const rng = new Rng(7);
    let v: Verdict | undefined;
    for (let look = 0; look < 300 && v?.decision === undefined; look++) {
      const at = look * 1000;
      const timed = (side: 'canary' | 'stable', slow: number): Sample[] =>
        Array.from({ length: 20 }, () => ({ side, ok: true, status: 200, latencyMs: slow * 20 * Math.exp(rng.normal() * 0.3), at, source: 'probe' }));
      judge.observe([...timed('canary', 2), ...timed('stable', 1), ...untimed('canary', 200, 0, at), ...untimed('stable', 200, 0, at)]);
      const got = judge.verdict(false);
      if (got.decision !== 'continue') v = got;
    }
    expect(v?.decision).toBe('fail');
    expect(v?.checks.find((c) => c.signal === 'latency')?.decision).toBe('fail');
  });
});
