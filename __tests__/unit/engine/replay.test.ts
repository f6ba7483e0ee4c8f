import { describe, expect, test } from '@jest/globals';
import { runRollout, type EngineDeps, type LookProgress } from '../../../shared/engine/rollout.js';
import { renderReplay, replayReport, ReplayError } from '../../../shared/engine/replay.js';
import { decodeEvidence } from '../../../shared/engine/sample-log.js';
import { createFirstReleaseJudge, createJudge } from '../../../shared/judges/index.js';
import { parseReplayOverrides } from '../../../shared/inputs/replay-overrides.js';
import { FleetTarget } from '../../../shared/targets/fleet.js';
import type { RolloutPlan } from '../../../shared/model/plan.js';
import type { RolloutReport } from '../../../shared/model/report.js';
import type { Sample, Side } from '../../../shared/model/sample.js';
import type { SignalSource } from '../../../shared/ports/signal-source.js';
import { silentLogger } from '../../../shared/util/log.js';
import { FakeTarget, MemoryLedger, engineDeps, enginePlan, ledgerWithStable, scriptedJudge } from '../../helpers/engine-fakes.js';

/** mulberry32: a small seeded generator, so every run sees the same traffic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Traffic {
  /** Requests per look: per side for probes, in all for a router (split by the weight). */
  perLook: number;
  /** A router that counts customers' requests (nginx), not probes. */
  router?: boolean;
  /** A router that sees no stable request at 100 % (the earlier steps' stable requests are the baseline). */
  routerOnlyAt100?: boolean;
  canaryErrors: (weight: number) => number;
  stableErrors?: number;
  /** Canary latencies are this much slower than stable's. */
  canarySlowdown?: (weight: number) => number;
  /** The router sends the canary this share of what the weight says (1: all of it). */
  canaryShare?: number;
  /** Nothing serves stable (a first release): only canary requests. */
  canaryOnly?: boolean;
}

/**
 * Traffic as the real sources report it: latencies with many decimals (performance.now()), finish
 * times spread over the look (and fractional), errors as 5xx or status 0, 2xx of several kinds.
 */
class TrafficSource implements SignalSource {
  readonly name: string;
  readonly seesProbes?: boolean;
  private weight = 0;
  private last = 0;
  private readonly rand: () => number;
  constructor(
    private readonly clock: { now(): number },
    private readonly t: Traffic,
    seed: number
  ) {
    this.rand = random(seed);
    this.name = t.router ? 'nginx' : 'probe';
    if (t.router) this.seesProbes = false;
  }
  covers = (weight: number): readonly Side[] => ((this.t.routerOnlyAt100 && weight >= 100) || this.t.canaryOnly ? ['canary'] : ['canary', 'stable']);
  start(step: { weight: number; startedAt: number }): Promise<void> {
    this.weight = step.weight;
    this.last = step.startedAt;
    return Promise.resolve();
  }
  read(): Promise<Sample[]> {
    const now = this.clock.now();
    const out: Sample[] = [];
    const sides: Side[] = [];
    if (this.t.router) {
      const share = (this.weight / 100) * (this.t.canaryShare ?? 1);
      for (let i = 0; i < this.t.perLook; i++) {
        const side: Side = this.rand() < share ? 'canary' : 'stable';
        if (side === 'stable' && this.t.routerOnlyAt100 && this.weight >= 100) continue;
        sides.push(side);
      }
    } else {
      for (let i = 0; i < this.t.perLook; i++) sides.push(...(this.t.canaryOnly ? (['canary'] as const) : (['canary', 'stable'] as const)));
    }
    for (const side of sides) {
      const bad = this.rand() < (side === 'canary' ? this.t.canaryErrors(this.weight) : (this.t.stableErrors ?? 0.005));
      const slow = side === 'canary' ? (this.t.canarySlowdown?.(this.weight) ?? 1) : 1;
      const latencyMs = (8 + 30 * -Math.log(1 - this.rand())) * slow;
      const at = this.last + (now - this.last) * this.rand() + 0.25;
      const status = bad ? (this.rand() < 0.8 ? 502 : 0) : this.rand() < 0.9 ? 200 : 204;
      out.push({ side, ok: !bad, status, latencyMs, at, source: this.name, ...(bad ? { detail: '<b>upstream</b> ::error::' } : {}) });
    }
    this.last = now;
    return Promise.resolve(out);
  }
  async stop(): Promise<void> {}
}

const healthy: Traffic = { perLook: 50, canaryErrors: () => 0.005 };
/** Healthy until 100 %, where 8 % of the canary's requests fail (stable: 0.5 %). */
const badAt100: Traffic = { perLook: 50, canaryErrors: (w) => (w === 100 ? 0.08 : 0.005) };

function plan(analysis: Partial<RolloutPlan['analysis']> = {}, over: Partial<Omit<RolloutPlan, 'analysis'>> = {}): RolloutPlan {
  return enginePlan({ minSamples: 30, errorTolerance: 0.02, ...analysis }, { stepDurationMs: 60_000, ...over });
}

/** Runs a rollout with the real judges over seeded traffic; returns the report as the glue writes it (JSON). */
async function record(
  p: RolloutPlan,
  traffic: Traffic,
  o: { seed?: number; firstRelease?: boolean; extra?: Partial<EngineDeps> } = {}
): Promise<RolloutReport> {
  const { ledger, target } = o.firstRelease ? { ledger: new MemoryLedger(), target: new FakeTarget(null) } : await ledgerWithStable();
  const deps = engineDeps(target, ledger, () => createJudge(p.analysis), { createFirstReleaseJudge, ...o.extra });
  deps.createJudge = createJudge;
  const clock = deps.clock as { now(): number };
  let seed = o.seed ?? 1;
  deps.signalSources = () => [new TrafficSource(clock, traffic, seed++)];
  const report = await runRollout(p, { version: 'v2' }, deps);
  return JSON.parse(JSON.stringify(report)) as RolloutReport;
}

/** The replay with the recorded settings decides every step exactly as the rollout did: same verdict, same numbers, same look. */
function expectIdentical(report: RolloutReport): void {
  const r = replayReport(report, {});
  expect(r.changed).toBe(false);
  expect(r.replayed.result).toBe(report.result);
  expect(r.steps).toHaveLength(report.steps.length);
  report.steps.forEach((step, i) => {
    const replayed = r.steps[i].replayed;
    expect(replayed).not.toBeNull();
    expect(replayed?.endOfRecord).toBe(false);
    expect({ decision: replayed?.decision, reason: replayed?.reason, checks: replayed?.checks, samples: replayed?.samples }).toEqual({
      decision: step.verdict.decision,
      reason: step.verdict.reason,
      checks: step.verdict.checks,
      samples: step.verdict.samples
    });
    const lastLook = step.looks[step.looks.length - 1];
    expect(replayed?.atMs).toBe(lastLook.atMs);
    expect(replayed?.looks).toBe(step.looks.length);
    expect(replayed?.statistics).toEqual(lastLook.statistics);
    expect(replayed?.decidedByPolicy).toBe(step.decidedByPolicy);
    // The record holds the looks the report shows, with as many samples.
    const looks = decodeEvidence(step.evidence!);
    expect(looks.map((l) => l.atMs)).toEqual(step.looks.map((l) => l.atMs));
    let canary = 0;
    expect(
      looks.map((l) => {
        canary += l.samples.filter((s) => s.side === 'canary').length;
        return canary;
      })
    ).toEqual(step.looks.map((l) => l.canarySamples));
  });
  expect(renderReplay(r)).toMatch(/The decision would be unchanged\.\n$/);
}

describe('replaying a recorded rollout with its own settings decides exactly as the rollout did', () => {
  test('a healthy canary (probes, the sequential judge carried across steps): promoted', async () => {
    const report = await record(plan(), healthy);
    expect(report.result).toBe('promoted');
    expect(report.steps.map((s) => s.verdict.decision)).toEqual(['pass', 'pass', 'pass']);
    expect(report.steps.every((s) => s.evidence?.baseline === 'live')).toBe(true);
    expectIdentical(report);
  });

  test('a canary that turns bad at 100 %: rolled back', async () => {
    const report = await record(plan(), badAt100);
    expect(report.result).toBe('rolled-back');
    expect(report.steps.map((s) => s.verdict.decision)).toEqual(['pass', 'pass', 'fail']);
    expectIdentical(report);
  });

  test('a slow canary: the latency check fails it', async () => {
    const report = await record(plan(), { perLook: 50, canaryErrors: () => 0.005, canarySlowdown: () => 1.8 });
    expect(report.result).toBe('rolled-back');
    expect(report.steps[0].verdict.checks.find((c) => c.signal === 'latency')?.decision).toBe('fail');
    expectIdentical(report);
  });

  test('a router that sees no stable request at 100 %: compared with the earlier steps, as fed', async () => {
    const report = await record(plan({ onInconclusive: 'promote' }), { perLook: 100, router: true, routerOnlyAt100: true, canaryErrors: () => 0.005 });
    expect(report.result).toBe('promoted');
    expect(report.steps.map((s) => s.evidence?.baseline)).toEqual(['live', 'live', 'earlier-steps']);
    expect(report.steps[0].evidence?.routers).toBe('nginx');
    expectIdentical(report);
  });

  test("a router that does not send the canary its share: the share check's failure replays too", async () => {
    const report = await record(plan(), { perLook: 100, router: true, canaryErrors: () => 0.005, canaryShare: 0.1 });
    expect(report.result).toBe('rolled-back');
    expect(report.steps[0].verdict.reason).toMatch(/not sending it its share/);
    expectIdentical(report);
  });

  test('the thresholds judge, and a step that runs out of time (on-inconclusive: pause)', async () => {
    const report = await record(plan({ judge: 'thresholds', onInconclusive: 'pause', minSamples: 100_000 }, { stepDurationMs: 5000 }), healthy);
    expect(report.result).toBe('paused');
    expect(report.steps[0].decidedByPolicy).toBe(true);
    expectIdentical(report);
  });

  test('a first release: absolute bounds', async () => {
    const report = await record(plan({ maxLatencyMs: 400 }), { perLook: 50, canaryErrors: () => 0, canaryOnly: true }, { firstRelease: true });
    expect(report.firstRelease).toBe(true);
    expect(report.steps).toHaveLength(1);
    expect(report.steps[0].evidence?.baseline).toBe('absolute');
    expectIdentical(report);
  });

  test('a fleet in waves: each wave with its own carried judge', async () => {
    const ledger = new MemoryLedger();
    const { ledger: seeded } = await ledgerWithStable();
    ledger.records = seeded.records;
    const member = (name: string) => ({ name, target: new FakeTarget({ version: 'v1' }) });
    const fleet = new FleetTarget(
      [
        { name: 'first', maxParallel: 1, members: [member('eu-1')] },
        { name: 'rest', maxParallel: 2, members: [member('us-1'), member('us-2')] }
      ],
      silentLogger
    );
    const p = plan();
    const deps = engineDeps(new FakeTarget(null), ledger, () => createJudge(p.analysis), { target: fleet, createFirstReleaseJudge });
    deps.createJudge = createJudge;
    let seed = 7;
    deps.signalSources = () => [new TrafficSource(deps.clock as { now(): number }, healthy, seed++)];
    const report = JSON.parse(JSON.stringify(await runRollout(p, { version: 'v2' }, deps))) as RolloutReport;
    expect(report.result).toBe('promoted');
    expect(report.steps.map((s) => s.wave)).toEqual([0, 0, 0, 1, 1, 1]);
    expectIdentical(report);
  });
});

describe('replaying with other settings', () => {
  test('a looser error-tolerance: the canary rolled back at 100 % would have been promoted', async () => {
    const report = await record(plan(), badAt100);
    expect(report.result).toBe('rolled-back');
    const r = replayReport(report, parseReplayOverrides({ 'error-tolerance': '20%' }));
    expect(r.policy.replayed.errorTolerance).toBe(0.2);
    expect(r.steps.map((s) => s.replayed?.decision)).toEqual(['pass', 'pass', 'pass']);
    expect(r.steps[2].recorded.decision).toBe('fail');
    expect(r.steps[2].changed).toBe(true);
    expect(r.replayed.result).toBe('promoted');
    expect(r.changed).toBe(true);
    const text = renderReplay(r);
    expect(text).toContain('error-tolerance 0.2 (was 0.02)');
    expect(text).toMatch(/The decision would change: rolled back → promoted\.\n$/);
    const md = renderReplay(r, { markdown: true });
    expect(md).toContain('| Step | Weight | Recorded | Replayed |');
    expect(md).toContain('**The decision would change: rolled back → promoted.**');
  });

  test('a tighter alpha: the failure is not shown within the record, so the outcome is undecided', async () => {
    const report = await record(plan(), badAt100);
    expect(report.result).toBe('rolled-back');
    const r = replayReport(report, parseReplayOverrides({ alpha: '0.0001' }));
    expect(r.changed).toBe(true);
    const last = r.steps[r.steps.length - 1];
    expect(last.replayed?.decision).not.toBe('fail');
    expect(r.replayed.result).not.toBe('rolled-back');
    expect(renderReplay(r)).toMatch(/The decision would change: rolled back → /);
  });

  test('a report written before beta existed (1.0.0) is replayed with the pass bound it was judged with: alpha', async () => {
    const report = await record(plan({ beta: 0.01 }), healthy);
    expect(report.result).toBe('promoted');
    delete (report.plan?.analysis as Partial<RolloutPlan['analysis']>).beta;
    const same = replayReport(report);
    expect(same.policy.recorded.beta).toBe(0.01);
    expect(same.changed).toBe(false);
    expect(same.steps.map((s) => s.replayed?.samples)).toEqual(same.steps.map((s) => s.recorded.samples));
    const looser = replayReport(report, parseReplayOverrides({ beta: '0.05' }));
    expect(renderReplay(looser)).toContain('beta 0.05 (was 0.01)');
    // A looser pass budget passes each step on fewer requests, never later.
    looser.steps.forEach((s) => expect(s.replayed?.samples.canary).toBeLessThanOrEqual(s.recorded.samples.canary));
    expect(looser.steps.some((s) => (s.replayed?.samples.canary ?? 0) < s.recorded.samples.canary)).toBe(true);
  });

  test('another judge: thresholds', async () => {
    const report = await record(plan(), healthy);
    const r = replayReport(report, parseReplayOverrides({ judge: 'thresholds' }));
    expect(r.policy.replayed.judge).toBe('thresholds');
    expect(r.steps[0].replayed?.checks.length).toBeGreaterThan(0);
    expect(renderReplay(r)).toContain('judge thresholds (was sequential)');
  });

  test("a failing service's text in the report is escaped in the table", async () => {
    const report = await record(plan(), healthy);
    report.steps[0].verdict.reason = 'pass\n::error::<b>owned</b> @team';
    report.reason = 'Promoted ::warning::';
    const r = replayReport(report, {});
    // The recorded reason is not what the replay says; the report's own reason is shown escaped.
    const text = renderReplay(r);
    expect(text).not.toMatch(/(^|\n)::/);
    expect(text).not.toContain('::warning::');
    const md = renderReplay(r, { markdown: true });
    expect(md).not.toContain('<b>');
  });
});

describe('a report that cannot be replayed says why in one sentence', () => {
  test('no samples on record (an older version)', async () => {
    const report = await record(plan(), healthy);
    delete report.steps[1].evidence;
    expect(() => replayReport(report, {})).toThrow(ReplayError);
    expect(() => replayReport(report, {})).toThrow(
      'The report keeps no samples for step 2 (50 %): it was written by an older version of Shipgate, or without its samples, so it cannot be replayed.'
    );
  });

  test('samples cut at the budget', async () => {
    const report = await record(plan(), healthy);
    report.steps[2].evidence!.truncated = true;
    expect(() => replayReport(report, {})).toThrow(
      "The report's samples stop at step 3 (100 %): a report keeps at most 200,000 samples and this rollout saw more, so it cannot be replayed exactly."
    );
  });

  test('the engine stops recording at 200,000 samples and says so', async () => {
    const { ledger, target } = await ledgerWithStable();
    // 45,000 requests a look: the fifth look of the first step no longer fits.
    const big: Sample[] = Array.from({ length: 45_000 }, (_, i) => ({ side: i % 2 ? 'canary' : 'stable', ok: true, status: 200, latencyMs: 5, at: i }));
    const source: SignalSource = { name: 'probe', start: () => Promise.resolve(), read: () => Promise.resolve(big.slice()), stop: () => Promise.resolve() };
    const report = await runRollout(
      enginePlan({ onInconclusive: 'promote' }),
      { version: 'v2' },
      engineDeps(target, ledger, scriptedJudge([['continue']]), { signalSources: () => [source] })
    );
    expect(report.result).toBe('promoted');
    expect(report.steps.map((s) => s.evidence?.truncated)).toEqual([true, true, true]);
    expect(decodeEvidence({ ...report.steps[0].evidence!, truncated: undefined })).toHaveLength(4);
    expect(report.steps[1].evidence?.sides).toBe('');
    expect(() => replayReport(report, {})).toThrow(/samples stop at step 1 \(10 %\)/);
  });

  test('a damaged record, a report of an operation, not a report at all', async () => {
    const report = await record(plan(), healthy);
    const damaged = JSON.parse(JSON.stringify(report)) as RolloutReport;
    damaged.steps[0].evidence!.latency = damaged.steps[0].evidence!.latency.replace(/,[^,]*$/, '');
    expect(() => replayReport(damaged, {})).toThrow(
      "The report's record of step 1 (10 %) is damaged (its latency column does not read back), so it cannot be replayed."
    );
    expect(() => replayReport({ ...report, plan: null }, {})).toThrow(/has no plan on record/);
    expect(() => replayReport({ ...report, steps: [] }, {})).toThrow(/No step of this rollout was analysed/);
    expect(() => replayReport({ hello: 1 } as unknown as RolloutReport, {})).toThrow(/not a Shipgate rollout report/);
  });
});

describe('replay overrides are read as the action reads its inputs', () => {
  test('names and values', () => {
    expect(
      parseReplayOverrides({
        'error-tolerance': '2%',
        'latency-tolerance': '50%',
        alpha: '0.001',
        beta: '0.1',
        'min-samples': '200',
        'max-latency': '800',
        judge: 'thresholds'
      })
    ).toEqual({ errorTolerance: 0.02, latencyTolerance: 0.5, alpha: 0.001, beta: 0.1, minSamples: 200, maxLatencyMs: 800, judge: 'thresholds' });
    expect(parseReplayOverrides({ 'on-inconclusive': 'promote', alpha: '' })).toEqual({ onInconclusive: 'promote' });
  });

  test("a bad value gets the action's sentence; an input a replay cannot change is named", () => {
    expect(() => parseReplayOverrides({ 'error-tolerance': '2' })).toThrow(
      'Input "error-tolerance" has value "2": use a fraction from 0 to 0.5 (e.g. 0.01) or a percentage (e.g. 1%).'
    );
    expect(() => parseReplayOverrides({ alpha: '1' })).toThrow('Input "alpha" has value "1": use a number from 0.0001 to 0.2.');
    expect(() => parseReplayOverrides({ judge: 'vibes' })).toThrow('Input "judge" has value "vibes": allowed values are sequential, thresholds.');
    expect(() => parseReplayOverrides({ steps: '10,100' })).toThrow(
      'Input "steps" has value "10,100": a replay can change only error-tolerance, latency-tolerance, alpha, beta, min-samples, max-latency, judge or on-inconclusive.'
    );
  });
});

describe('the onLook hook', () => {
  test('is told about every look; a hook that throws changes nothing', async () => {
    const seen: LookProgress[] = [];
    const report = await record(plan(), healthy, {
      extra: {
        onLook: (l) => {
          seen.push(l);
          throw new Error('the terminal is gone');
        }
      }
    });
    expect(report.result).toBe('promoted');
    expect(seen).toHaveLength(report.steps.reduce((n, s) => n + s.looks.length, 0));
    const first = seen[0];
    expect(first).toMatchObject({ step: 1, steps: 3, weight: 10, atMs: 1000, stepDurationMs: 60_000, canary: 50, stable: 50, decision: 'continue' });
    expect(first.wave).toBeUndefined();
    expect(Object.keys(first.statistics).length).toBeGreaterThan(0);
    const lastOfStep1 = seen.filter((l) => l.step === 1).pop();
    expect(lastOfStep1?.decision).toBe('pass');
    expect(lastOfStep1?.canary).toBe(report.steps[0].canary.requests);
  });
});
