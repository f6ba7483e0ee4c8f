import type { Judge } from '../ports/judge.js';
import type { AnalysisPolicy } from '../model/plan.js';
import { SequentialJudge } from './sequential.js';
import { ThresholdsJudge } from './thresholds.js';

export { SequentialJudge } from './sequential.js';
export { ThresholdsJudge } from './thresholds.js';

/** The judge named by the policy; the sequential one unless `thresholds` is asked for. */
export function createJudge(policy: AnalysisPolicy): Judge {
  return policy.judge === 'thresholds' ? new ThresholdsJudge(policy) : new SequentialJudge(policy);
}
