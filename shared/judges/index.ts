import type { Judge } from '../ports/judge.js';
import type { AnalysisPolicy } from '../model/plan.js';
import { SequentialJudge } from './sequential.js';
import { ThresholdsJudge } from './thresholds.js';
import { AbsoluteJudge } from './absolute.js';

export { SequentialJudge } from './sequential.js';
export { ThresholdsJudge } from './thresholds.js';
export { AbsoluteJudge } from './absolute.js';

/** The judge named by the policy; the sequential one unless `thresholds` is asked for. */
export function createJudge(policy: AnalysisPolicy): Judge {
  return policy.judge === 'thresholds' ? new ThresholdsJudge(policy) : new SequentialJudge(policy);
}

/** The judge of an environment's first release: no stable version, so absolute bounds on the canary alone. */
export function createFirstReleaseJudge(policy: AnalysisPolicy): Judge {
  return new AbsoluteJudge(policy);
}
