import type { AnalysisPolicy } from '../../shared/model/plan.js';
import { createJudge } from '../../shared/judges/index.js';
import { parseAnalysis } from '../../shared/inputs/canary-deploy.js';
import { Inputs } from '../../shared/inputs/parse.js';
import { mapSource } from '../../shared/inputs/source.js';
import { KnownBaselineSprt } from './baselines.js';
import { runPlan, runStep, type StepJudge } from './canary.js';
import { runFlagger } from './flagger.js';
import type { LatencyModel } from './latency.js';
import { slower } from './latency.js';
import { seedFor } from './prng.js';
import type { Incident, SideModel, Traffic } from './stream.js';

/** The catalogue's defaults (shared/inputs/catalogue.ts), read as the actions read them when no analysis input is set. */
export const POLICY: AnalysisPolicy = parseAnalysis(new Inputs(mapSource({})));
/** The catalogue's step-duration (60 s); the engine looks every second. */
export const STEP_S = 60;
/** Single-step runs go on to this horizon (5 steps' time) so the time to a decision is seen past the step. */
export const HORIZON_S = 300;

export const MODERATE: LatencyModel = { kind: 'lognormal', medianMs: 50, sigma: 0.35 };
export const LOGNORMAL: LatencyModel = { kind: 'lognormal', medianMs: 50, sigma: 1.5 };
export const PARETO: LatencyModel = { kind: 'pareto', minMs: 20, shape: 1.1 };

const at = (errorRate: number, latency: LatencyModel = MODERATE): SideModel => ({ errorRate, latency });
export const INCIDENT: Incident = { fromS: 20, toS: 30, errorRate: 0.1 };

interface Base {
  id: string;
  /** Cases with the same seed id see the same traffic (default: the id). */
  seedId?: string;
  title: string;
  healthy: boolean;
  runs: number;
}

/** One step at a fixed weight: Shipgate's judge (and, for error-rate faults, Wald's SPRT with the baseline known) on the same traffic. */
export interface StepCase extends Base {
  kind: 'step';
  traffic: Traffic;
  total: number;
  weight: number;
  everySample?: boolean;
  horizonS: number;
  /** Known-baseline SPRT design: H0 bad-rate p0 vs H1 p1 (errors). */
  sprt?: { p0: number; p1: number };
  /** Settings that differ from the defaults (POLICY) for this case. */
  policy?: Partial<AnalysisPolicy>;
}

export interface PlanCase extends Base {
  kind: 'plan';
  traffic: Traffic;
  total: number;
  steps: number[];
  carry: boolean;
}

export interface FlaggerCase extends Base {
  kind: 'flagger';
  errorRate: number;
  incident?: Incident;
  total: number;
  weights: number[];
  threshold: number;
}

export type Case = StepCase | PlanCase | FlaggerCase;

const sprtFor = (stable: number, canary: number) => ({ p0: stable + POLICY.errorTolerance, p1: canary });

function step(
  id: string,
  title: string,
  o: {
    canary: SideModel;
    stable: SideModel;
    incident?: Incident;
    total: number;
    weight: number;
    runs: number;
    everySample?: boolean;
    sprt?: boolean;
    horizonS?: number;
    seedId?: string;
    policy?: Partial<AnalysisPolicy>;
  }
): StepCase {
  const healthy = o.canary.errorRate <= o.stable.errorRate && (o.canary.latency.scale ?? 1) <= (o.stable.latency.scale ?? 1);
  return {
    kind: 'step',
    id,
    seedId: o.seedId,
    title,
    healthy,
    runs: o.runs,
    traffic: { canary: o.canary, stable: o.stable, incident: o.incident },
    total: o.total,
    weight: o.weight,
    everySample: o.everySample,
    horizonS: o.horizonS ?? HORIZON_S,
    sprt: o.sprt ? sprtFor(o.stable.errorRate, o.canary.errorRate) : undefined,
    policy: o.policy
  };
}

export const PLAN_TOTAL = 500;
export const PLAN_STEPS = [10, 50, 100];

function plan(id: string, seedId: string, title: string, canary: SideModel, stable: SideModel, carry: boolean, runs: number): PlanCase {
  return {
    kind: 'plan',
    id,
    seedId,
    title,
    healthy: canary.errorRate <= stable.errorRate,
    runs,
    traffic: { canary, stable },
    total: PLAN_TOTAL,
    steps: PLAN_STEPS,
    carry
  };
}

/** Every case of the benchmark; `scale` multiplies the runs (0.1 for --quick). */
export function cases(scale = 1): Case[] {
  const n = (k: number) => Math.max(10, Math.round(k * scale));
  const H = n(1000);
  const h = n(500);
  const F = n(500);
  const one = at(0.01);
  const c: Case[] = [
    // Healthy: canary = stable.
    step('h1-k9', '1 % vs 1 %, 10 % step (k = 9)', { canary: one, stable: one, total: 200, weight: 10, runs: h }),
    step('h1-k1', '1 % vs 1 %, 50 % step (k = 1)', { canary: one, stable: one, total: 200, weight: 50, runs: h }),
    step('inc-k9', 'shared incident (both 10 % errors for 10 s), 10 % step', { canary: one, stable: one, incident: INCIDENT, total: 200, weight: 10, runs: H }),
    step('inc-k1', 'shared incident, 50 % step', { canary: one, stable: one, incident: INCIDENT, total: 200, weight: 50, runs: h }),
    step('h01-k9', '0.1 % vs 0.1 %, 10 % step', { canary: at(0.001), stable: at(0.001), total: 200, weight: 10, runs: h }),
    step('h10-k9', '10 % vs 10 %, 10 % step', { canary: at(0.1), stable: at(0.1), total: 200, weight: 10, runs: n(200) }),
    step('ln-k9', 'log-normal σ 1.5 latency, same speed, 10 % step', {
      canary: at(0.01, LOGNORMAL),
      stable: at(0.01, LOGNORMAL),
      total: 200,
      weight: 10,
      runs: h
    }),
    step('par-k9', 'Pareto α 1.1 latency, same speed, 10 % step', { canary: at(0.01, PARETO), stable: at(0.01, PARETO), total: 200, weight: 10, runs: h }),
    step('each-k9', 'looking after every sample, 10 % step', { canary: one, stable: one, total: 200, weight: 10, runs: n(100), everySample: true }),
    step('each-k1', 'looking after every sample, 50 % step', { canary: one, stable: one, total: 200, weight: 50, runs: n(100), everySample: true }),
    step('h1-20', '1 % vs 1 %, 20 req/s total at 10 %', { canary: one, stable: one, total: 20, weight: 10, runs: h }),
    step('h1-50', '1 % vs 1 %, 50 req/s total at 10 %', { canary: one, stable: one, total: 50, weight: 10, runs: h }),
    step('h1-probe', "1 % vs 1 %, the engine's default probes: 50 req/s to each version", { canary: one, stable: one, total: 100, weight: 50, runs: h }),
    step('h1-500', '1 % vs 1 %, canary at 50 req/s (500 total at 10 %)', { canary: one, stable: one, total: 500, weight: 10, runs: h }),
    // The same traffic with the pass bound at α, as before beta existed: what the default β buys.
    step('h1-500-b', `1 % vs 1 %, canary at 50 req/s, with beta ${POLICY.alpha} (= alpha)`, {
      canary: one,
      stable: one,
      total: 500,
      weight: 10,
      runs: h,
      seedId: 'h1-500',
      policy: { beta: POLICY.alpha }
    }),
    // Faulty: canary worse by more than the tolerance.
    step('e5-k9', '1 % → 5 %, 10 % step (k = 9)', { canary: at(0.05), stable: one, total: 200, weight: 10, runs: F, sprt: true }),
    step('e5-k1', '1 % → 5 %, 50 % step (k = 1)', { canary: at(0.05), stable: one, total: 200, weight: 50, runs: F, sprt: true }),
    step('e2-01', '0.1 % → 2 %, 10 % step', { canary: at(0.02), stable: at(0.001), total: 200, weight: 10, runs: F, sprt: true }),
    step('e20-10', '10 % → 20 %, 10 % step', { canary: at(0.2), stable: at(0.1), total: 200, weight: 10, runs: F, sprt: true }),
    // Exactly at the tolerance: the hardest canary not to pass; its "passed" share is the false passes β bounds.
    step('e2-k9', '1 % → 2 % (worse by exactly the tolerance), 10 % step', { canary: at(0.02), stable: one, total: 200, weight: 10, runs: F }),
    step('ln-slow', 'log-normal σ 1.5, canary 1.5× slower, 10 % step', {
      canary: at(0.01, slower(LOGNORMAL, 1.5)),
      stable: at(0.01, LOGNORMAL),
      total: 200,
      weight: 10,
      runs: F
    }),
    step('par-slow', 'Pareto α 1.1, canary 1.5× slower, 10 % step', {
      canary: at(0.01, slower(PARETO, 1.5)),
      stable: at(0.01, PARETO),
      total: 200,
      weight: 10,
      runs: F
    }),
    step('each-e5', 'looking after every sample, 1 % → 5 %, 10 % step', {
      canary: at(0.05),
      stable: one,
      total: 200,
      weight: 10,
      runs: n(100),
      everySample: true,
      sprt: true
    }),
    step('e5-20', '1 % → 5 %, 20 req/s total at 10 %', { canary: at(0.05), stable: one, total: 20, weight: 10, runs: F, sprt: true, horizonS: 900 }),
    step('e5-50', '1 % → 5 %, 50 req/s total at 10 %', { canary: at(0.05), stable: one, total: 50, weight: 10, runs: F, sprt: true }),
    step('e5-500', '1 % → 5 %, canary at 50 req/s (500 total at 10 %)', { canary: at(0.05), stable: one, total: 500, weight: 10, runs: F, sprt: true }),
    // The whole plan, 60 s steps, at 500 req/s (the canary at 50 req/s at 10 %).
    plan('plan-carry', 'plan-h', 'healthy 1 %: one judge carried across the steps', one, one, true, n(200)),
    plan('plan-fresh', 'plan-h', 'healthy 1 %: a new judge per step', one, one, false, n(200)),
    plan('plan-e5', 'plan-e5', '1 % → 5 %: as the engine runs it', at(0.05), one, true, n(200))
  ];
  // Flagger at its defaults: the 10 % step alone and its docs' whole analysis (10 → 50 % by 10), threshold 1 (default) and 5 (docs).
  for (const total of [20, 50, 200, 500])
    for (const threshold of [1, 5])
      for (const [err, healthy] of [
        [0.01, true],
        [0.05, false]
      ] as const)
        for (const [what, weights] of [
          ['step', [10]],
          ['analysis', [10, 20, 30, 40, 50]]
        ] as const)
          c.push({
            kind: 'flagger',
            id: `flagger-${total}-t${threshold}-${healthy ? 'h' : 'e5'}-${what}`,
            title: `Flagger, ${total} req/s, threshold ${threshold}, ${healthy ? '1 %' : '1 % → 5 %'}, ${what}`,
            healthy,
            runs: n(2000),
            errorRate: err,
            total,
            weights: [...weights],
            threshold
          });
  for (const threshold of [1, 5])
    c.push({
      kind: 'flagger',
      id: `flagger-200-t${threshold}-inc-step`,
      title: `Flagger, 200 req/s, threshold ${threshold}, shared incident, step`,
      healthy: true,
      runs: n(2000),
      errorRate: 0.01,
      incident: INCIDENT,
      total: 200,
      weights: [10],
      threshold
    });
  return c;
}

/** A stable number from a case id, so a case keeps its seeds when others are added. */
export function caseSeed(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** One run's result, compact for the wire: step → per judge [decision, canary, stable, seconds]; plan → [result, step, canary, seconds]; flagger → [result, seconds, first check failed]. */
export type RunRecord = (string | number | boolean)[][];

export function runCase(c: Case, run: number): RunRecord {
  const seed = seedFor(caseSeed(c.seedId ?? c.id), run);
  if (c.kind === 'step') {
    const judges: StepJudge[] = [createJudge({ ...POLICY, ...c.policy })];
    if (c.sprt) judges.push(new KnownBaselineSprt({ ...c.sprt, alpha: POLICY.alpha / 2, beta: POLICY.beta, bad: (s) => !s.ok }));
    const out = runStep(seed, { traffic: c.traffic, total: c.total, weight: c.weight, horizonS: c.horizonS, everySample: c.everySample }, judges);
    return out.map((o) => [o.decision, o.canary, o.stable, o.seconds]);
  }
  if (c.kind === 'plan') {
    const o = runPlan(seed, { traffic: c.traffic, total: c.total, steps: c.steps, stepS: STEP_S, carry: c.carry }, () => createJudge(POLICY));
    return [[o.result, o.step, o.canary, o.seconds]];
  }
  const o = runFlagger(seed, { errorRate: c.errorRate, incident: c.incident, total: c.total, weights: c.weights, threshold: c.threshold });
  return [[o.result, o.seconds, o.firstCheckFailed]];
}
