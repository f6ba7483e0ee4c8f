// The sequential judge on live traffic (issue 11): unequal splits, a shared incident, heavy-tailed
// latency, long runs, several steps. Each test is seeded and checks a rate over many runs.
import { describe, expect, it } from '@jest/globals';
import { SequentialJudge } from '../../../shared/judges/sequential.js';
import type { AnalysisPolicy } from '../../../shared/model/plan.js';
import type { Sample, Side } from '../../../shared/model/sample.js';
import type { Verdict } from '../../../shared/model/verdict.js';
import { POLICY as DEFAULTS } from '../../../bench/sim/cases.js';

/** The catalogue's defaults. */
const POLICY: AnalysisPolicy = DEFAULTS;

// Local bindings: a global lookup of Math per call is slow inside jest's module sandbox.
const { cos, exp, imul, log, pow, sqrt, PI } = Math;

/** mulberry32 with a normal deviate: the same streams on every run. */
class Stream {
  private a: number;
  constructor(seed: number) {
    this.a = (seed * 0x9e3779b1) >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = imul(this.a ^ (this.a >>> 15), this.a | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  normal(): number {
    return sqrt(-2 * log(1 - this.next())) * cos(2 * PI * this.next());
  }
}

type Latency = (r: Stream) => number;
const lognormal =
  (median: number, sigma: number): Latency =>
  (r) =>
    median * exp(sigma * r.normal());
/** Pareto with scale xm and tail index a: P(X > x) = (xm / x)^a; a = 1.1 has a finite mean and an infinite variance. */
const pareto =
  (xm: number, a: number): Latency =>
  (r) =>
    xm * pow(1 - r.next(), -1 / a);
const times =
  (f: Latency, k: number): Latency =>
  (r) =>
    k * f(r);

interface Version {
  /** Requests per look. */
  perLook: number;
  errorRate: (atMs: number) => number;
  latency: Latency;
}

/** One look (1 s) of traffic from `startMs`: each side's requests at uniform times, in arrival order. */
function look(r: Stream, startMs: number, canary: Version, stable: Version): Sample[] {
  const out: Sample[] = [];
  for (const [side, v] of [
    ['canary', canary],
    ['stable', stable]
  ] as [Side, Version][]) {
    const at = Array.from({ length: v.perLook }, () => startMs + r.next() * 1000).sort((x, y) => x - y);
    for (const t of at) {
      const ok = r.next() >= v.errorRate(t);
      out.push({ side, ok, status: ok ? 200 : 503, latencyMs: v.latency(r), at: t });
    }
  }
  return out;
}

/** Looks once a second until the judge decides or `maxCanary` canary requests have been seen. */
function run(
  seed: number,
  canary: Version,
  stable: Version,
  maxCanary: number,
  judge = new SequentialJudge(POLICY)
): { decision: Verdict['decision']; canary: number } {
  const r = new Stream(seed);
  for (let t = 0, n = 0; ; t++) {
    n += canary.perLook;
    judge.observe(look(r, t * 1000, canary, stable));
    const v = judge.verdict(n >= maxCanary);
    if (v.decision !== 'continue' || n >= maxCanary) return { decision: v.decision, canary: n };
  }
}

const steady = (p: number) => () => p;

describe('sequential judge on live traffic', () => {
  it('does not roll back healthy canaries through an incident that hits both sides (20 + 180 req/s)', () => {
    // Both at 1 % errors; from 10.5 s to 20.5 s both fail 10 % of their requests. A 60 s step.
    const incident = (atMs: number) => (atMs >= 10_500 && atMs < 20_500 ? 0.1 : 0.01);
    const runs = 200;
    let rolledBack = 0;
    for (let i = 0; i < runs; i++) {
      const res = run(
        1100 + i,
        { perLook: 20, errorRate: incident, latency: lognormal(50, 0.35) },
        { perLook: 180, errorRate: incident, latency: lognormal(50, 0.35) },
        1200
      );
      if (res.decision === 'fail') rolledBack++;
    }
    // α = 1 %; 2 % of the runs is the bar. Pairing in arrival order rolled back about a third here.
    expect(rolledBack).toBeLessThanOrEqual(runs * 0.02);
  });

  // Sample counts from 500 seeded runs: 95 % of 1.5× slower canaries are caught within 1,250
  // canary requests under Pareto(1.1) and 5,500 under lognormal(σ 1.5) at equal traffic; within
  // 600 and 2,700 at 9 stable requests per canary request (docs/judge.md). With the p95 line alone
  // (before the median line) it took 16,800, 11,200, 8,600 and 5,900. No errors here.
  describe.each([
    ['Pareto(1.1)', 1, 3_000, pareto(20, 1.1)],
    ['Pareto(1.1)', 9, 1_500, pareto(20, 1.1)],
    ['lognormal(σ 1.5)', 1, 10_000, lognormal(50, 1.5)],
    ['lognormal(σ 1.5)', 9, 5_000, lognormal(50, 1.5)]
  ])('under %s latency, %i stable per canary request, up to %i canary requests', (_name, k, horizon, latency) => {
    const perLook = k === 1 ? 250 : 100;
    const canary = (f: Latency): Version => ({ perLook, errorRate: steady(0), latency: f });
    const stable: Version = { perLook: perLook * k, errorRate: steady(0), latency };

    // Fewer runs at k = 9, where every run sees 10× the requests.
    it('catches a canary 1.5× slower at every percentile in ≥ 95 % of runs', () => {
      const runs = k === 1 ? 100 : 60;
      let caught = 0;
      for (let i = 0; i < runs; i++) if (run(1200 + i, canary(times(latency, 1.5)), stable, horizon).decision === 'fail') caught++;
      expect(caught).toBeGreaterThanOrEqual(runs * 0.95);
    });

    it('rolls back at most α of healthy canaries', () => {
      const runs = k === 1 ? 50 : 30;
      let rolledBack = 0;
      // Healthy runs go on longer than the slow ones need: a false rollback has 12,000 canary requests to happen in.
      for (let i = 0; i < runs; i++) if (run(1300 + i, canary(latency), stable, 12_000).decision === 'fail') rolledBack++;
      expect(rolledBack).toBeLessThanOrEqual(runs * 0.02);
    });
  });

  it('fails a canary slower at every percentile on the median line, and says so', () => {
    const slow = run(
      1250,
      { perLook: 100, errorRate: steady(0), latency: times(pareto(20, 1.1), 1.5) },
      { perLook: 900, errorRate: steady(0), latency: pareto(20, 1.1) },
      1500
    );
    expect(slow.decision).toBe('fail');
    const judge = new SequentialJudge(POLICY);
    const r = new Stream(1251);
    let v: Verdict | null = null;
    for (let t = 0; t < 15 && v?.decision !== 'fail'; t++) {
      judge.observe(
        look(
          r,
          t * 1000,
          { perLook: 100, errorRate: steady(0), latency: times(pareto(20, 1.1), 1.5) },
          { perLook: 900, errorRate: steady(0), latency: pareto(20, 1.1) }
        )
      );
      v = judge.verdict(false);
    }
    const latency = v?.checks.find((c) => c.signal === 'latency');
    expect(latency?.decision).toBe('fail');
    expect(latency?.explanation).toMatch(
      /of canary requests slower than [\d.]+ ms \(stable median × 1\.2 \+ rounding margin\) vs [\d.]+ % of stable requests slower than [\d.]+ ms \(its median\)/
    );
  });

  it('keeps the tolerance when latencies are rounded (whole ms from nginx, 0.1 ms from the engine), and still catches a slow canary', () => {
    // Without the rounding margin on the fail lines, 6 (whole ms) and 14 (0.1 ms) of these 30
    // canaries each, 5 % slower and so within the 20 % tolerance, were rolled back.
    const rounded =
      (f: Latency, grid: number): Latency =>
      (r) =>
        Math.round(f(r) / grid) * grid;
    const fast = lognormal(3, 0.3);
    const faster = lognormal(0.4, 0.3);
    const version = (perLook: number, latency: Latency): Version => ({ perLook, errorRate: steady(0), latency });
    for (let i = 0; i < 30; i++) {
      expect(run(1270 + i, version(20, rounded(times(fast, 1.05), 1)), version(180, rounded(fast, 1)), 6000).decision).not.toBe('fail');
      expect(run(1300 + i, version(20, rounded(times(faster, 1.05), 0.1)), version(180, rounded(faster, 0.1)), 6000).decision).not.toBe('fail');
    }
    // The margin costs some power at this resolution, not the ability to see a canary twice as slow.
    for (let i = 0; i < 10; i++) expect(run(1330 + i, version(20, rounded(times(fast, 2), 1)), version(180, rounded(fast, 1)), 3000).decision).toBe('fail');
  });

  it('never passes a canary slower only in its tail on the strength of its median', () => {
    // The canary's median is stable's, but one request in ten takes 3× as long: its p95 is far
    // past 1.2× stable's. The median line sees nothing; the tail (p95) line must still decide.
    const base = lognormal(50, 0.35);
    const tailSlow: Latency = (r) => (r.next() < 0.1 ? 3 : 1) * base(r);
    let caught = 0;
    for (let i = 0; i < 20; i++) {
      const res = run(1260 + i, { perLook: 100, errorRate: steady(0), latency: tailSlow }, { perLook: 900, errorRate: steady(0), latency: base }, 5000);
      expect(res.decision).not.toBe('pass');
      if (res.decision === 'fail') caught++;
    }
    expect(caught).toBe(20);
  });

  it('keeps its memory bounded at 20 canary + 180 stable requests per look over a long run', () => {
    const judge = new SequentialJudge(POLICY);
    const r = new Stream(1400);
    const healthy: Version = { perLook: 20, errorRate: steady(0.01), latency: lognormal(50, 0.35) };
    const stable: Version = { ...healthy, perLook: 180 };
    const sizes: number[] = [];
    for (let t = 0; t < 2000; t++) {
      judge.observe(look(r, t * 1000, healthy, stable));
      judge.verdict(false);
      if (t === 199 || t === 1999) sizes.push(retained(judge));
    }
    // What the judge holds after 400,000 requests is what it held after 40,000 (give or take a look).
    expect(sizes[1]).toBeLessThanOrEqual(sizes[0] + 200 * 8);
  });

  describe('across steps', () => {
    const healthy = (perLook: number, p = 0.01): Version => ({ perLook, errorRate: steady(p), latency: lognormal(50, 0.35) });

    /** A 10/50/100-like rollout of three 60 s steps; returns each step's decision and canary requests. */
    function rollout(seed: number, steps: { canary: Version; stable: Version }[], carry: boolean) {
      const r = new Stream(seed);
      let judge = new SequentialJudge(POLICY);
      const out: { decision: Verdict['decision']; canary: number }[] = [];
      for (const [i, s] of steps.entries()) {
        if (carry) judge.beginStep({ index: i, weight: [10, 50, 100][i] });
        else judge = new SequentialJudge(POLICY);
        let v: Verdict | null = null;
        let n = 0;
        for (let t = 0; t < 60 && v?.decision !== 'pass' && v?.decision !== 'fail'; t++) {
          n += s.canary.perLook;
          judge.observe(look(r, (60 * i + t) * 1000, s.canary, s.stable));
          v = judge.verdict(t === 59);
        }
        out.push({ decision: v?.decision ?? 'continue', canary: n });
        if (v?.decision === 'fail') break;
      }
      return out;
    }

    it('passes the later steps of a healthy canary on far fewer fresh samples, never below min-samples', () => {
      const plan = [0, 1, 2].map(() => ({ canary: healthy(100), stable: healthy(100) }));
      const later = (carry: boolean) =>
        Array.from({ length: 40 }, (_, i) => rollout(1500 + i, plan, carry))
          .filter((o) => o.length === 3 && o.every((s) => s.decision === 'pass'))
          .flatMap((o) => [o[1].canary, o[2].canary])
          .sort((a, b) => a - b);
      const carried = later(true);
      const fresh = later(false);
      expect(carried.length).toBeGreaterThanOrEqual(70);
      expect(carried[0]).toBeGreaterThanOrEqual(POLICY.minSamples);
      expect(carried[carried.length >> 1] * 4).toBeLessThanOrEqual(fresh[fresh.length >> 1]);
    });

    it('does not promote a canary that turns bad at the second step on the strength of the first', () => {
      const plan = [
        { canary: healthy(100), stable: healthy(100) },
        { canary: healthy(100, 0.05), stable: healthy(100) },
        { canary: healthy(100, 0.05), stable: healthy(100) }
      ];
      let passedBadStep = 0;
      let failed = 0;
      for (let i = 0; i < 60; i++) {
        const o = rollout(1600 + i, plan, true);
        if (o[1]?.decision === 'pass') passedBadStep++;
        if (o.at(-1)?.decision === 'fail') failed++;
      }
      // Without the step's own evidence, most would pass at 50 % after min-samples. With it, only a
      // step whose first requests happen to look healthy passes (≈ 4 %), and the next step catches it.
      expect(passedBadStep).toBeLessThanOrEqual(6);
      expect(failed).toBe(60);
    });
  });
});

/** How many values an object graph holds (array elements, typed-array elements, properties): a proxy for its memory. */
function retained(root: unknown): number {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  let n = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
      n++;
      continue;
    }
    if (seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) n += v.byteLength / 8;
    else if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
    else if (typeof v === 'object') for (const x of Object.values(v)) stack.push(x);
  }
  return n;
}
