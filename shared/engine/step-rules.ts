import type { AnalysisPolicy, InconclusivePolicy } from '../model/plan.js';
import type { BaselineKind } from '../model/report.js';
import type { Sample } from '../model/sample.js';
import type { Decision, Verdict } from '../model/verdict.js';
import type { Judge, JudgeFactory, StepStart } from '../ports/judge.js';
import { shareShortfall } from '../judges/share.js';

/**
 * The rules by which a step is judged, shared by the rollout engine (rollout.ts) and the replay of
 * a recorded rollout (replay.ts), so that both decide alike from the same samples.
 */

/** The rollout's (or wave's) judge that carries its evidence from step to step, once made. */
export interface CarriedJudge {
  judge?: Judge;
}

/**
 * The judge of one step, told that the step begins. Live comparisons reuse the rollout's judge when
 * it has beginStep (docs/judge.md); a judge without it is made per step, and so is the one
 * comparing with recorded stable requests, which an earlier step's judge has already seen.
 * Absolute bounds (no stable requests at all) take the first-release judge.
 */
export function startStepJudge(
  kind: BaselineKind,
  policy: AnalysisPolicy,
  step: StepStart,
  factories: { createJudge: JudgeFactory; createFirstReleaseJudge: JudgeFactory },
  carried?: CarriedJudge
): Judge {
  let judge: Judge;
  if (kind === 'absolute') judge = factories.createFirstReleaseJudge(policy);
  else if (kind === 'live' && carried?.judge) judge = carried.judge;
  else {
    judge = factories.createJudge(policy);
    if (kind === 'live' && carried && judge.beginStep) carried.judge = judge;
  }
  judge.beginStep?.({ index: step.index, weight: step.weight });
  return judge;
}

/** What one look decided, and whether the step ends with it. */
export interface LookResult {
  verdict: Verdict;
  /** The step's time is up: the judge had to say pass, fail or continue (inconclusive). */
  final: boolean;
  /** The step ends at this look (a decision, or its time is up). */
  done: boolean;
}

/**
 * One look: the judge is fed the look's samples and asked for its verdict. A router that sees
 * real traffic (its name in `routers`) and does not send the canary its share fails the step
 * whatever the judge says (shareShortfall).
 */
export function judgeLook(
  judge: Judge,
  samples: readonly Sample[],
  look: { elapsedMs: number; stepDurationMs: number; weight: number; routers?: string; share?: { canary: number; total: number } }
): LookResult {
  judge.observe(samples);
  const final = look.elapsedMs >= look.stepDurationMs;
  let verdict = judge.verdict(final);
  const shortfall = look.routers ? shareShortfall(look.share?.canary ?? 0, look.share?.total ?? 0, look.weight, look.routers) : null;
  if (shortfall && verdict.decision !== 'fail')
    verdict = { ...verdict, decision: 'fail', reason: `${shortfall.charAt(0).toUpperCase()}${shortfall.slice(1)}.` };
  return { verdict, final, done: verdict.decision !== 'continue' || final };
}

/** What a step's verdict does to the rollout: go on, roll back, or (when inconclusive) what on-inconclusive says. */
export type StepOutcome = 'pass' | 'fail' | 'inconclusive-rollback' | 'inconclusive-pause' | 'inconclusive-promote';

export function stepOutcome(decision: Decision, onInconclusive: InconclusivePolicy): StepOutcome {
  if (decision === 'pass' || decision === 'fail') return decision;
  return onInconclusive === 'rollback' ? 'inconclusive-rollback' : onInconclusive === 'pause' ? 'inconclusive-pause' : 'inconclusive-promote';
}
