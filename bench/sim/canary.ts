import type { Judge, StepStart } from '../../shared/ports/judge.js';
import type { Sample } from '../../shared/model/sample.js';
import type { Decision } from '../../shared/model/verdict.js';
import { Rng } from './prng.js';
import { arrivals, ratesAt, type Timed, type Traffic } from './stream.js';

/**
 * The canary analysis in simulated time, driven as the engine drives it (shared/engine/rollout.ts):
 * a look every `lookS` seconds hands the judge the requests that finished since the previous look,
 * as one batch; with `everySample` every request is its own look. A judge that has `beginStep` is
 * told where each step starts.
 */
export type StepInfo = StepStart;
export type StepJudge = Judge;

/** Whether the judge wants to be told of steps (and so is kept for the whole rollout). */
export function hasBeginStep(j: Judge): j is Judge & Required<Pick<Judge, 'beginStep'>> {
  return typeof j.beginStep === 'function';
}

export interface StepOutcome {
  decision: Decision;
  /** Canary / stable requests the judge had seen at its decision (at the horizon when it never decided). */
  canary: number;
  stable: number;
  /** Seconds from the step's start to the look that decided (the horizon when none did). */
  seconds: number;
}

export interface StepOptions {
  traffic: Traffic;
  /** Requests per second over both versions, split by `weight` (percent). */
  total: number;
  weight: number;
  /** A run that has not decided by then ends with a final look (inconclusive). */
  horizonS: number;
  lookS?: number;
  everySample?: boolean;
}

/** One step, several judges on the same seeded traffic; each stops at its first decision. */
export function runStep(seed: number, o: StepOptions, judges: StepJudge[]): StepOutcome[] {
  const rng = new Rng(seed);
  const lookS = o.lookS ?? 1;
  const rates = ratesAt(o.total, o.weight);
  for (const j of judges) if (hasBeginStep(j)) j.beginStep({ index: 0, weight: o.weight });
  const out: (StepOutcome | null)[] = judges.map(() => null);
  let cn = 0,
    sn = 0;
  for (let t = 0; out.some((r) => r === null);) {
    const batch = arrivals(rng, o.traffic, rates, t, t + lookS);
    t += lookS;
    const final = t >= o.horizonS;
    if (!o.everySample) {
      for (const x of batch) if (x.s.side === 'canary') cn++;
      sn += batch.length;
      const samples = batch.map((x) => x.s);
      judges.forEach((j, i) => {
        if (out[i]) return;
        j.observe(samples);
        const d = j.verdict(final).decision;
        if (d !== 'continue' || final) out[i] = { decision: d, canary: cn, stable: sn - cn, seconds: t };
      });
      continue;
    }
    for (const x of batch) {
      if (x.s.side === 'canary') cn++;
      sn++;
      judges.forEach((j, i) => {
        if (out[i]) return;
        j.observe([x.s]);
        const d = j.verdict(false).decision;
        if (d !== 'continue') out[i] = { decision: d, canary: cn, stable: sn - cn, seconds: x.t };
      });
    }
    if (final)
      judges.forEach((j, i) => {
        if (out[i]) return;
        j.observe([]);
        out[i] = { decision: j.verdict(true).decision, canary: cn, stable: sn - cn, seconds: t };
      });
  }
  return out as StepOutcome[];
}

export interface PlanOptions {
  traffic: Traffic;
  total: number;
  /** Weights in percent, e.g. [10, 50, 100]. */
  steps: number[];
  stepS: number;
  lookS?: number;
  /** Keep one judge for the whole rollout, told of each step through beginStep, when it has that hook; otherwise (and when false) a new judge per step, as the engine does. */
  carry: boolean;
}

export interface PlanOutcome {
  /** promoted: every step passed; fail: the judge rolled back; inconclusive: a step ran out of time (on-inconclusive: rollback). */
  result: 'promoted' | 'fail' | 'inconclusive';
  /** Index of the step that ended the run (the last one when promoted). */
  step: number;
  canary: number;
  seconds: number;
}

/** The engine keeps at most this many stable requests from earlier steps as the baseline at 100 % (rollout.ts STABLE_EVIDENCE_MAX). */
export const STABLE_POOL_MAX = 20_000;

/**
 * A whole rollout: at each weight below 100 the router splits `total` between the versions; at 100 %
 * no stable request is live, so (as the engine does) each canary request is paired with the next
 * stable request recorded at the earlier steps.
 */
export function runPlan(seed: number, o: PlanOptions, make: () => StepJudge): PlanOutcome {
  const rng = new Rng(seed);
  const lookS = o.lookS ?? 1;
  const pool: Sample[] = [];
  let judge: StepJudge | null = null;
  let t = 0;
  let canary = 0;
  for (let index = 0; index < o.steps.length; index++) {
    const weight = o.steps[index];
    if (!o.carry || !judge || !hasBeginStep(judge)) judge = make();
    if (hasBeginStep(judge)) judge.beginStep({ index, weight });
    const rates = ratesAt(o.total, weight);
    const stepStable: Sample[] = [];
    let replayed = 0;
    const start = t;
    for (;;) {
      const batch: Timed[] = arrivals(rng, o.traffic, rates, t, t + lookS);
      t += lookS;
      const samples = batch.map((x) => x.s);
      if (weight >= 100) {
        for (const x of batch) if (x.s.side === 'canary' && replayed < pool.length) samples.push({ ...pool[replayed++], at: x.s.at });
      } else {
        for (const s of samples) if (s.side === 'stable') stepStable.push(s);
      }
      for (const s of samples) if (s.side === 'canary') canary++;
      judge.observe(samples);
      const final = t - start >= o.stepS;
      const d = judge.verdict(final).decision;
      if (d === 'fail') return { result: 'fail', step: index, canary, seconds: t };
      if (d === 'pass') break;
      if (final) return { result: 'inconclusive', step: index, canary, seconds: t };
    }
    pool.push(...stepStable);
    if (pool.length > STABLE_POOL_MAX) pool.splice(0, pool.length - STABLE_POOL_MAX);
  }
  return { result: 'promoted', step: o.steps.length - 1, canary, seconds: t };
}
