/** How a canary is rolled out and judged. Built from validated inputs (shared/inputs). */
export type JudgeKind = 'sequential' | 'thresholds';
export type InconclusivePolicy = 'rollback' | 'promote' | 'pause';

export interface AnalysisPolicy {
  judge: JudgeKind;
  /** Absolute error-rate margin: canary may be this much worse than stable (0.01 = 1 point). */
  errorTolerance: number;
  /** Relative latency margin: canary may be this much slower than stable (0.2 = 20 %). */
  latencyTolerance: number;
  /** Optional absolute latency bound in ms: a request slower than this counts as slow. */
  maxLatencyMs?: number;
  /** Overall false-rollback budget of the sequential judge (default 0.01): a canary within tolerance is rolled back with at most this probability. */
  alpha: number;
  /** Overall false-pass budget (default 0.05): a canary worse than a tolerance passes with at most this probability. */
  beta: number;
  /** Samples per side a step needs before it can pass (a clear failure may be called sooner). */
  minSamples: number;
  onInconclusive: InconclusivePolicy;
}

export interface RolloutPlan {
  environment: string;
  /** Canary weights in percent, strictly increasing, last one 100 (e.g. [10, 50, 100]). */
  steps: number[];
  /**
   * `pause` before the last step (`10,50,pause,100`): after the step before it passes, the run ends
   * paused and a person finishes it (`action: promote` takes the canary to 100 %, `abort` backs out).
   */
  pauseBeforeLast?: boolean;
  /** Upper bound of one step; analysis may decide sooner. */
  stepDurationMs: number;
  /** Requests per second sent to each of the canary and stable probe URLs during a step. */
  probeRate: number;
  /** How often the judge looks at the evidence. */
  lookIntervalMs: number;
  analysis: AnalysisPolicy;
  autoRollback: boolean;
}

/** The plan's steps as the user wrote them: "10 → 50 → pause → 100". */
export function stepsText(plan: Pick<RolloutPlan, 'steps' | 'pauseBeforeLast'>, sep = ' → '): string {
  const parts: string[] = plan.steps.map(String);
  if (plan.pauseBeforeLast && parts.length > 0) parts.splice(parts.length - 1, 0, 'pause');
  return parts.join(sep);
}
