import type { AnalysisPolicy } from '../model/plan.js';
import type { Sample } from '../model/sample.js';
import type { Verdict } from '../model/verdict.js';

/** The step a judge is told about when it begins. */
export interface StepStart {
  index: number;
  /** Canary weight in percent. */
  weight: number;
}

/**
 * Port: decides a step from the evidence. A judge without `beginStep` is made afresh for each
 * step; one with it is made once per rollout (per wave for fleets) and told when each step begins,
 * so its evidence can carry from step to step (docs/judge.md).
 */
export interface Judge {
  readonly name: string;
  /**
   * A step begins (called before its first `observe`, also for the first step). Samples and
   * `verdict().samples` count from here; what carries over is the judge's business.
   */
  beginStep?(step: StepStart): void;
  observe(samples: readonly Sample[]): void;
  /** `final` is true when the step's time is up: the judge must say pass, fail or continue (inconclusive). */
  verdict(final: boolean): Verdict;
  /** Log statistics for the evidence chart, keyed by signal. */
  statistics(): Record<string, number>;
}

export type JudgeFactory = (policy: AnalysisPolicy) => Judge;
