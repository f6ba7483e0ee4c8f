import { describe, expect, it } from '@jest/globals';
import { AbsoluteJudge, SequentialJudge, ThresholdsJudge, createFirstReleaseJudge, createJudge } from '../../../shared/judges/index.js';
import type { AnalysisPolicy } from '../../../shared/model/plan.js';
import { POLICY as DEFAULTS } from '../../../bench/sim/cases.js';

/** The catalogue's defaults. */
const POLICY: AnalysisPolicy = DEFAULTS;

describe('createJudge', () => {
  it('is the sequential judge by default and by name, the thresholds judge when asked', () => {
    expect(createJudge(POLICY)).toBeInstanceOf(SequentialJudge);
    expect(createJudge(POLICY).name).toBe('sequential');
    expect(createJudge({ ...POLICY, judge: 'thresholds' })).toBeInstanceOf(ThresholdsJudge);
    expect(createJudge({ ...POLICY, judge: 'thresholds' }).name).toBe('thresholds');
  });
});

describe('createFirstReleaseJudge', () => {
  it('is the absolute judge whatever judge the policy names', () => {
    expect(createFirstReleaseJudge(POLICY)).toBeInstanceOf(AbsoluteJudge);
    expect(createFirstReleaseJudge(POLICY).name).toBe('absolute');
    expect(createFirstReleaseJudge({ ...POLICY, judge: 'thresholds' }).name).toBe('absolute');
  });
});
