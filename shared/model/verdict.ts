/** What a judge says after looking at the evidence so far. */
export type Decision = 'pass' | 'fail' | 'continue';

export interface CheckEvidence {
  /** 'error-rate' or 'latency'. */
  signal: string;
  decision: Decision;
  canary: number;
  stable: number;
  /** The margin allowed (absolute for error rate, share of slow requests for latency). */
  tolerance: number;
  /** Test statistic (e-value, or the observed difference for the thresholds judge). */
  statistic: number;
  /** The value the statistic had to reach to decide. */
  boundary: number;
  /** One human sentence: which numbers, which threshold. */
  explanation: string;
}

export interface Verdict {
  decision: Decision;
  /** One sentence: why. */
  reason: string;
  checks: CheckEvidence[];
  /** Samples seen per side when the verdict was taken. */
  samples: { canary: number; stable: number };
}
