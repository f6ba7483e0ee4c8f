import type { Judge } from '../ports/judge.js';
import type { AnalysisPolicy } from '../model/plan.js';
import type { Sample } from '../model/sample.js';
import type { CheckEvidence, Decision, Verdict } from '../model/verdict.js';
import { logEvalueAbove, logEvalueBelow, type PairCounts } from './betting.js';
import { alphaText, count, evalue, ms, pct } from './format.js';
import { LATENCY_SHARE_TOLERANCE } from './sequential.js';

interface CheckState {
  signal: 'error-rate' | 'latency';
  /** D = 1 for a bad canary request, 0 otherwise (never −1: there is no stable side). */
  counts: PairCounts;
  tolerance: number;
  passed: boolean;
  failed: boolean;
  logFail: number;
  logPass: number;
}

/**
 * Judge for the first release of an environment, when there is no stable version to compare with.
 *
 * Only canary samples count (stable samples are ignored). Each canary request gives D = 1 when it
 * is bad (an error; slower than `maxLatencyMs`), else 0, so E[D] is the canary's bad rate and the
 * betting e-processes of betting.ts test it against an absolute bound: `errorTolerance` for the
 * error rate, LATENCY_SHARE_TOLERANCE for the share of requests over `maxLatencyMs` (checked only
 * when that bound is set). Same α split as the sequential judge: a signal fails when the e-value
 * against "rate ≤ bound" reaches 2/α and passes (for good) when the e-value against
 * "rate ≥ bound" reaches 1/β; so a canary within its bounds is rolled back with probability ≤ α
 * however often the engine looks, and a canary at or over a bound passes with probability ≤ β.
 */
export class AbsoluteJudge implements Judge {
  readonly name = 'absolute';
  private canaryN = 0;
  private canaryErrors = 0;
  private canarySlow = 0;
  private readonly errors: CheckState;
  private readonly latency: CheckState | null;
  private readonly failAlpha: number;
  private readonly passAlpha: number;

  constructor(private readonly policy: AnalysisPolicy) {
    const state = (signal: CheckState['signal'], tolerance: number): CheckState => ({
      signal,
      counts: { up: 0, down: 0, zero: 0 },
      tolerance,
      passed: false,
      failed: false,
      logFail: 0,
      logPass: 0
    });
    this.errors = state('error-rate', policy.errorTolerance);
    this.latency = policy.maxLatencyMs === undefined ? null : state('latency', LATENCY_SHARE_TOLERANCE);
    this.failAlpha = policy.alpha / 2;
    this.passAlpha = policy.beta;
  }

  observe(samples: readonly Sample[]): void {
    const max = this.policy.maxLatencyMs;
    for (const s of samples) {
      if (s.side !== 'canary') continue;
      this.canaryN++;
      if (s.ok) this.errors.counts.zero++;
      else {
        this.canaryErrors++;
        this.errors.counts.up++;
      }
      if (this.latency && max !== undefined && s.latencyMs !== null) {
        if (s.latencyMs > max) {
          this.canarySlow++;
          this.latency.counts.up++;
        } else this.latency.counts.zero++;
      }
    }
  }

  verdict(final: boolean): Verdict {
    const checks = this.checks();
    for (const ch of checks) {
      ch.logFail = logEvalueAbove(ch.counts, ch.tolerance);
      ch.logPass = logEvalueBelow(ch.counts, ch.tolerance);
      // Rejecting "at or over the bound" at any time is the event Ville's inequality bounds, so a
      // signal that has passed stays passed (and one that has failed stays failed).
      if (ch.logPass >= Math.log(1 / this.passAlpha)) ch.passed = true;
      if (ch.logFail >= Math.log(1 / this.failAlpha)) ch.failed = true;
    }
    const evidence = checks.map((ch) => this.evidence(ch));
    const samples = { canary: this.canaryN, stable: 0 };
    const failed = evidence.filter((e) => e.decision === 'fail');
    if (failed.length > 0) {
      return {
        decision: 'fail',
        reason: `The first release fails the absolute checks: ${failed.map((e) => e.explanation).join('; ')}.`,
        checks: evidence,
        samples
      };
    }
    const enough = this.canaryN >= Math.max(1, this.policy.minSamples);
    if (enough && checks.every((ch) => ch.passed)) {
      return {
        decision: 'pass',
        reason: `Nothing to compare with (first release): the canary is within the absolute bounds over ${count(this.canaryN)} requests.`,
        checks: evidence,
        samples
      };
    }
    return { decision: 'continue', reason: this.continueReason(final, enough), checks: evidence, samples };
  }

  statistics(): Record<string, number> {
    const out: Record<string, number> = { 'error-rate': this.errors.logFail, 'error-rate.pass': this.errors.logPass };
    if (this.latency) {
      out.latency = this.latency.logFail;
      out['latency.pass'] = this.latency.logPass;
    }
    return out;
  }

  private checks(): CheckState[] {
    return this.latency ? [this.errors, this.latency] : [this.errors];
  }

  private continueReason(final: boolean, enough: boolean): string {
    if (this.canaryN === 0) {
      return final ? 'Inconclusive: no canary samples arrived during the step, so nothing can be checked.' : 'Waiting for evidence: no canary samples yet.';
    }
    const why = !enough
      ? `fewer than ${count(this.policy.minSamples)} canary samples (${count(this.canaryN)}), nothing to compare with (first release)`
      : `the evidence over ${count(this.canaryN)} canary requests (first release, nothing to compare with) shows neither a canary over the absolute bounds nor one within them`;
    return final ? `Inconclusive: ${why}.` : `Collecting: ${why}.`;
  }

  private evidence(ch: CheckState): CheckEvidence {
    const failBound = Math.log(1 / this.failAlpha);
    const passBound = Math.log(1 / this.passAlpha);
    const decision: Decision = ch.failed ? 'fail' : ch.passed ? 'pass' : 'continue';
    const isError = ch.signal === 'error-rate';
    const canary = rate(isError ? this.canaryErrors : this.canarySlow, this.canaryN);
    const what = isError
      ? `canary error rate ${pct(canary)} over ${count(this.canaryN)} requests (no stable to compare with)`
      : `${pct(canary)} of canary requests slower than max-latency ${ms(this.policy.maxLatencyMs ?? 0)} over ${count(this.canaryN)} requests (no stable to compare with)`;
    // Show the test nearer to its boundary, so the number explains the current state.
    const useFail = decision === 'fail' || (decision === 'continue' && ch.logFail / failBound >= ch.logPass / passBound);
    const logE = useFail ? ch.logFail : ch.logPass;
    const bound = useFail ? failBound : passBound;
    const a = useFail ? this.failAlpha : this.passAlpha;
    const limit = `the absolute bound of ${pct(ch.tolerance)}`;
    const tail =
      decision === 'fail'
        ? `over ${limit}`
        : decision === 'pass'
          ? `within ${limit}`
          : useFail
            ? `not yet shown over ${limit}`
            : `not yet shown within ${limit}`;
    const cmp = logE >= bound ? '≥' : '<';
    return {
      signal: ch.signal,
      decision,
      canary,
      stable: 0,
      tolerance: ch.tolerance,
      statistic: Math.exp(logE),
      boundary: Math.exp(bound),
      explanation: `${what}; e-value ${evalue(logE)} ${cmp} ${evalue(bound)} (${useFail ? 'α' : 'β'} ${alphaText(a)}): ${tail}`
    };
  }
}

function rate(k: number, n: number): number {
  return n > 0 ? k / n : 0;
}
