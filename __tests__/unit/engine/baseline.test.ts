import { describe, expect, test } from '@jest/globals';
import { runRollout } from '../../../shared/engine/rollout.js';
import type { Sample, Side } from '../../../shared/model/sample.js';
import type { Judge } from '../../../shared/ports/judge.js';
import type { SignalSource } from '../../../shared/ports/signal-source.js';
import type { Logger } from '../../../shared/util/log.js';
import { renderRolloutSummary } from '../../../shared/summary/rollout-summary.js';
import { engineDeps, enginePlan, ledgerWithStable } from '../../helpers/engine-fakes.js';

/**
 * A source like a router's request counter: at every read it reports `perLook` requests split by
 * `canaryShare(weight)`; `covers` says which versions it can see at a weight.
 */
class CountingSource implements SignalSource {
  private weight = 0;
  private look = 0;
  readonly seesProbes?: boolean;
  constructor(
    readonly name: string,
    private readonly o: {
      perLook: number;
      seesProbes?: boolean;
      /** The canary's share of the requests at a weight (0..1); default weight/100. */
      canaryShare?: (weight: number) => number;
      covers?: (weight: number) => readonly Side[];
      /** Latency of the stable requests at a weight (to recognise them when replayed). */
      stableLatency?: (weight: number) => number;
    }
  ) {
    if (o.seesProbes !== undefined) this.seesProbes = o.seesProbes;
    if (o.covers) this.covers = o.covers;
  }
  covers?: (weight: number) => readonly Side[];
  start(step: { weight: number }): Promise<void> {
    this.weight = step.weight;
    this.look = 0;
    return Promise.resolve();
  }
  read(): Promise<Sample[]> {
    this.look++;
    const share = this.o.canaryShare ? this.o.canaryShare(this.weight) : this.weight / 100;
    const canary = Math.round(this.o.perLook * share);
    const out: Sample[] = [];
    for (let i = 0; i < this.o.perLook; i++) {
      const side: Side = i < canary ? 'canary' : 'stable';
      const latencyMs = side === 'stable' ? (this.o.stableLatency?.(this.weight) ?? 20) : 21;
      out.push({ side, ok: true, status: 200, latencyMs, at: this.look * 1000 + i, source: this.name });
    }
    return Promise.resolve(out);
  }
  async stop(): Promise<void> {}
}

/** nginx at 100 %: only the canary is behind the router, so it sees no stable request. */
const routerCovers = (weight: number): readonly Side[] => (weight >= 100 ? ['canary'] : ['canary', 'stable']);

/** A judge factory that keeps what each judge observed; its verdict is `decision` on every look. */
function recordingJudges(decision: 'pass' | 'fail' | 'continue' = 'continue') {
  const observed: Sample[][] = [];
  const factory = (): Judge => {
    const mine: Sample[] = [];
    observed.push(mine);
    return {
      name: 'recording',
      observe: (s) => {
        mine.push(...s);
      },
      verdict: () => ({
        decision,
        reason: `recorded ${decision}`,
        checks: [],
        samples: { canary: mine.filter((s) => s.side === 'canary').length, stable: mine.filter((s) => s.side === 'stable').length }
      }),
      statistics: () => ({})
    };
  };
  return { factory, observed };
}

function infoLogger(): Logger & { infos: string[] } {
  const infos: string[] = [];
  return { infos, info: (m) => infos.push(m), warning() {}, debug() {} };
}

const stableOf = (samples: Sample[]) => samples.filter((s) => s.side === 'stable');
const canaryOf = (samples: Sample[]) => samples.filter((s) => s.side === 'canary');

describe('the baseline at 100 %', () => {
  test('with no source covering stable, the canary is compared with the stable requests of the earlier steps, one per canary request', async () => {
    const { ledger, target } = await ledgerWithStable();
    const live = recordingJudges('continue');
    const absolute = recordingJudges('pass');
    const logger = infoLogger();
    // 5 looks per step, 10 requests per look: 45 stable at 10 %, 25 at 50 %, then 50 canary at 100 %.
    const source = new CountingSource('nginx', { perLook: 10, seesProbes: false, covers: routerCovers, stableLatency: (w) => 100 + w });
    const report = await runRollout(
      enginePlan({ onInconclusive: 'promote' }),
      { version: 'v2' },
      engineDeps(target, ledger, live.factory, { signalSources: () => [source], createFirstReleaseJudge: absolute.factory, logger })
    );
    expect(report.result).toBe('promoted');
    expect(absolute.observed).toHaveLength(0);
    expect(live.observed).toHaveLength(3);
    const at100 = live.observed[2];
    expect(canaryOf(at100)).toHaveLength(50);
    const replayed = stableOf(at100);
    expect(replayed).toHaveLength(50);
    expect(replayed.every((s) => s.source === 'earlier-steps')).toBe(true);
    // The recorded requests themselves, oldest first: all 45 of the 10 % step, then 5 of the 50 % step.
    expect(replayed.map((s) => s.latencyMs)).toEqual([...Array.from({ length: 45 }, () => 110), ...Array.from({ length: 5 }, () => 150)]);
    // Each replayed request is paired with a canary request of the same look.
    expect(replayed.map((s) => s.at).sort()).toEqual(
      canaryOf(at100)
        .map((s) => s.at)
        .sort()
    );
    const note = 'At 100 % no stable request is seen, so the canary is compared with the 70 stable requests recorded at 10 % and 50 %.';
    expect(report.steps[2].baseline).toBe(note);
    expect(report.steps[0].baseline).toBeUndefined();
    expect(report.steps[1].baseline).toBeUndefined();
    expect(logger.infos).toContain(note);
    expect(report.steps[2].sources).toEqual({ nginx: 50, 'earlier-steps': 50 });
    expect(report.steps[2].stable.requests).toBe(50);
    expect(report.steps[0].sources).toEqual({ nginx: 50 });

    const summary = renderRolloutSummary(report);
    expect(summary).toContain('- Step 3 (100 %) evidence — customer requests in the nginx access log: 50, stable requests recorded at earlier steps: 50');
    expect(summary).toContain(
      '- Step 3 (100 %) baseline — At 100 % no stable request is seen, so the canary is compared with the 70 stable requests recorded at 10 % and 50 %.'
    );
  });

  test('replaying stops when the recorded stable requests run out', async () => {
    const { ledger, target } = await ledgerWithStable();
    const live = recordingJudges('continue');
    // 10 % of 10 per look is 1 canary, 9 stable; with steps 90/100: 5 stable requests in all, then 50 canary at 100 %.
    const source = new CountingSource('haproxy', { perLook: 10, seesProbes: false, covers: routerCovers });
    const report = await runRollout(
      enginePlan({ onInconclusive: 'promote' }, { steps: [90, 100] }),
      { version: 'v2' },
      engineDeps(target, ledger, live.factory, { signalSources: () => [source] })
    );
    expect(report.result).toBe('promoted');
    expect(stableOf(live.observed[1])).toHaveLength(5);
    expect(canaryOf(live.observed[1])).toHaveLength(50);
    expect(report.steps[1].baseline).toBe('At 100 % no stable request is seen, so the canary is compared with the 5 stable requests recorded at 90 %.');
  });

  test('with no stable request recorded at any earlier step, the first-release (absolute) judge decides the 100 % step', async () => {
    const { ledger, target } = await ledgerWithStable();
    const live = recordingJudges('pass');
    const absolute = recordingJudges('pass');
    const logger = infoLogger();
    // The router sends everything to the canary even at 50 % (stable idle): nothing to keep.
    const source = new CountingSource('nginx', { perLook: 10, seesProbes: true, covers: routerCovers, canaryShare: () => 1 });
    const report = await runRollout(
      enginePlan({ maxLatencyMs: 500 }, { steps: [50, 100] }),
      { version: 'v2' },
      engineDeps(target, ledger, live.factory, { signalSources: () => [source], createFirstReleaseJudge: absolute.factory, logger })
    );
    expect(report.result).toBe('promoted');
    expect(live.observed).toHaveLength(1);
    expect(absolute.observed).toHaveLength(1);
    expect(stableOf(absolute.observed[0])).toHaveLength(0);
    const note =
      'At 100 % no stable request is seen and no earlier step recorded any, so the canary is held to absolute bounds (error-tolerance, max-latency).';
    expect(report.steps[1].baseline).toBe(note);
    expect(logger.infos).toContain(note);
    expect(report.steps[1].verdict.reason).toBe('recorded pass');
  });

  test('a plan of only 100 % holds the canary to absolute bounds (no max-latency named when unset)', async () => {
    const { ledger, target } = await ledgerWithStable();
    const live = recordingJudges('pass');
    const absolute = recordingJudges('fail');
    const source = new CountingSource('nginx', { perLook: 10, seesProbes: false, covers: routerCovers });
    const report = await runRollout(
      enginePlan({}, { steps: [100] }),
      { version: 'v2' },
      engineDeps(target, ledger, live.factory, { signalSources: () => [source], createFirstReleaseJudge: absolute.factory })
    );
    expect(live.observed).toHaveLength(0);
    expect(report.result).toBe('rolled-back');
    expect(report.reason).toBe('Rolled back at 100 %: recorded fail.');
    expect(report.steps[0].baseline).toBe(
      'At 100 % no stable request is seen and no earlier step recorded any, so the canary is held to absolute bounds (error-tolerance).'
    );
  });

  test('a source that still covers stable at 100 % (probes of stable-url) keeps the live comparison', async () => {
    const { ledger, target } = await ledgerWithStable();
    const live = recordingJudges('continue');
    const router = new CountingSource('nginx', { perLook: 10, seesProbes: false, covers: routerCovers });
    const probes = new CountingSource('probe', { perLook: 4, canaryShare: () => 0.5, covers: () => ['canary', 'stable'] });
    const report = await runRollout(
      enginePlan({ onInconclusive: 'promote' }),
      { version: 'v2' },
      engineDeps(target, ledger, live.factory, { signalSources: () => [router, probes] })
    );
    expect(report.result).toBe('promoted');
    expect(report.steps.every((s) => s.baseline === undefined)).toBe(true);
    expect(live.observed[2].some((s) => s.source === 'earlier-steps')).toBe(false);
    expect(stableOf(live.observed[2]).every((s) => s.source === 'probe')).toBe(true);
    expect(report.steps[2].sources).toEqual({ nginx: 50, probe: 20 });
  });

  test('a source without covers is taken to see both versions', async () => {
    const { ledger, target } = await ledgerWithStable();
    const live = recordingJudges('continue');
    const source = new CountingSource('prometheus', { perLook: 10 });
    const report = await runRollout(
      enginePlan({ onInconclusive: 'promote' }),
      { version: 'v2' },
      engineDeps(target, ledger, live.factory, { signalSources: () => [source] })
    );
    expect(report.steps[2].baseline).toBeUndefined();
    expect(stableOf(live.observed[2])).toHaveLength(0);
  });
});

describe("the router's share check", () => {
  test('a router that sends the canary nothing at 10 % fails the step and rolls back', async () => {
    const { ledger, target } = await ledgerWithStable();
    const live = recordingJudges('continue');
    const router = new CountingSource('nginx', { perLook: 50, seesProbes: false, canaryShare: () => 0, covers: routerCovers });
    // Probes still reach the canary directly: they are not the router's traffic and do not count.
    const probes = new CountingSource('probe', { perLook: 4, canaryShare: () => 0.5 });
    const report = await runRollout(
      enginePlan({ onInconclusive: 'promote' }),
      { version: 'v2' },
      engineDeps(target, ledger, live.factory, { signalSources: () => [router, probes] })
    );
    expect(report.result).toBe('rolled-back');
    expect(target.calls).toEqual(['deploy v2', 'weight 10', 'rollback v1']);
    const step = report.steps[0];
    expect(step.verdict.decision).toBe('fail');
    // 50 router requests per look: 150 after three looks is the first count where 0 is too unlikely.
    expect(step.verdict.reason).toBe('The canary got 0 of 150 requests through nginx at 10 % (about 15 expected): the router is not sending it its share.');
    expect(step.looks).toHaveLength(3);
    expect(report.reason).toBe(
      'Rolled back at 10 %: The canary got 0 of 150 requests through nginx at 10 % (about 15 expected): the router is not sending it its share.'
    );
  });

  test('every router that sees no probes is counted, and named', async () => {
    const { ledger, target } = await ledgerWithStable();
    const live = recordingJudges('continue');
    const nginx = new CountingSource('nginx', { perLook: 40, seesProbes: false, canaryShare: () => 0 });
    const haproxy = new CountingSource('haproxy', { perLook: 40, seesProbes: false, canaryShare: () => 0 });
    const report = await runRollout(
      enginePlan({ onInconclusive: 'promote' }),
      { version: 'v2' },
      engineDeps(target, ledger, live.factory, { signalSources: () => [nginx, haproxy] })
    );
    expect(report.result).toBe('rolled-back');
    expect(report.steps[0].verdict.reason).toBe(
      'The canary got 0 of 160 requests through nginx and haproxy at 10 % (about 16 expected): the router is not sending it its share.'
    );
  });

  test('a healthy split passes every step', async () => {
    const { ledger, target } = await ledgerWithStable();
    const live = recordingJudges('continue');
    const router = new CountingSource('nginx', { perLook: 50, seesProbes: false, covers: routerCovers });
    const report = await runRollout(
      enginePlan({ onInconclusive: 'promote' }),
      { version: 'v2' },
      engineDeps(target, ledger, live.factory, { signalSources: () => [router] })
    );
    expect(report.result).toBe('promoted');
    expect(report.steps.map((s) => s.verdict.decision)).toEqual(['continue', 'continue', 'continue']);
    expect(report.steps.map((s) => s.looks.length)).toEqual([5, 5, 5]);
  });

  test('a split below the share but not grossly so is left to the judge', async () => {
    const { ledger, target } = await ledgerWithStable();
    const live = recordingJudges('pass');
    // 30 % of the requests at 50 %: low, but more than half of the share.
    const router = new CountingSource('nginx', { perLook: 100, seesProbes: false, canaryShare: (w) => (w < 100 ? 0.3 : 1), covers: routerCovers });
    const report = await runRollout(
      enginePlan({}, { steps: [50, 100] }),
      { version: 'v2' },
      engineDeps(target, ledger, live.factory, { signalSources: () => [router] })
    );
    expect(report.result).toBe('promoted');
  });

  test('sources that see probes (or do not say) are never share-checked', async () => {
    const { ledger, target } = await ledgerWithStable();
    const live = recordingJudges('continue');
    const noCanary = (name: string, seesProbes?: boolean) =>
      new CountingSource(name, { perLook: 100, canaryShare: () => 0, ...(seesProbes === undefined ? {} : { seesProbes }) });
    const report = await runRollout(
      enginePlan({ onInconclusive: 'promote' }),
      { version: 'v2' },
      engineDeps(target, ledger, live.factory, { signalSources: () => [noCanary('prometheus'), noCanary('local-proxy', true)] })
    );
    expect(report.result).toBe('promoted');
  });

  test("a judge's own failure keeps its reason", async () => {
    const { ledger, target } = await ledgerWithStable();
    const live = recordingJudges('fail');
    const router = new CountingSource('nginx', { perLook: 500, seesProbes: false, canaryShare: () => 0 });
    const report = await runRollout(enginePlan(), { version: 'v2' }, engineDeps(target, ledger, live.factory, { signalSources: () => [router] }));
    expect(report.result).toBe('rolled-back');
    expect(report.steps[0].verdict.reason).toBe('recorded fail');
  });

  test('an inconclusive verdict with a gross shortfall is a failure, not a promotion', async () => {
    const { ledger, target } = await ledgerWithStable();
    const live = recordingJudges('continue');
    const router = new CountingSource('haproxy', { perLook: 30, seesProbes: false, canaryShare: (w) => (w === 50 ? 0 : w / 100) });
    const report = await runRollout(
      enginePlan({ onInconclusive: 'promote' }),
      { version: 'v2' },
      engineDeps(target, ledger, live.factory, { signalSources: () => [router] })
    );
    expect(report.result).toBe('rolled-back');
    expect(report.steps.map((s) => s.weight)).toEqual([10, 50]);
    expect(report.steps[1].verdict.reason).toMatch(/^The canary got 0 of 30 requests through haproxy at 50 % \(about 15 expected\)/);
  });
});
