import type { AnalysisPolicy } from '../model/plan.js';
import type { Sample } from '../model/sample.js';
import type { Verdict } from '../model/verdict.js';

/** Port: decides one step from the evidence. One instance per step. */
export interface Judge {
  readonly name: string;
  observe(samples: readonly Sample[]): void;
  /** `final` is true when the step's time is up: the judge must say pass, fail or continue (inconclusive). */
  verdict(final: boolean): Verdict;
  /** Log statistics for the evidence chart, keyed by signal. */
  statistics(): Record<string, number>;
}

export type JudgeFactory = (policy: AnalysisPolicy) => Judge;
