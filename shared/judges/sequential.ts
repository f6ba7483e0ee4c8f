import type { Judge } from '../ports/judge.js';
import type { AnalysisPolicy } from '../model/plan.js';
import type { Sample } from '../model/sample.js';
import type { CheckEvidence, Decision, Verdict } from '../model/verdict.js';
import { quantileSorted } from '../util/stats.js';
import { logEvalueAbove, logEvalueBelow, type PairCounts } from './betting.js';
import { alphaText, count, evalue, ms, pct, points } from './format.js';

/**
 * The latency check compares shares of slow requests. "Within tolerance" means the canary's p95
 * stays under the stable p95 × (1 + latencyTolerance); a version whose p95 sits exactly on that
 * line has 5 % of its requests above it, so the share margin is the p95's tail: 5 points.
 */
export const LATENCY_SHARE_TOLERANCE = 0.05;
/** Stable latencies needed before the reference p95 means anything; earlier pairs only seed it. */
const LATENCY_WARMUP = 20;
/** The reference p95 follows the most recent stable requests, so slow drifts of both sides cancel. */
const REFERENCE_CAP = 2000;

interface CheckState {
  signal: 'error-rate' | 'latency';
  pairs: PairCounts;
  tolerance: number;
  passed: boolean;
  failed: boolean;
  logFail: number;
  logPass: number;
}

/**
 * Sequential, anytime-valid comparison of canary and stable (docs/judge.md).
 *
 * Samples are paired in arrival order per side; each pair gives D = 1[canary bad] − 1[stable bad]
 * for two notions of bad (an error; a request slower than the reference), whose mean is the
 * canary's excess rate. Two betting e-processes per signal: one against "not worse than the
 * tolerance" (rejecting it fails the canary), one against "worse by the tolerance or more"
 * (rejecting it passes the signal). α is split between the signals on the fail side, so a canary
 * within tolerance on both is rolled back with probability ≤ α whenever the engine looks.
 */
export class SequentialJudge implements Judge {
  readonly name = 'sequential';
  private readonly canaryQueue: Sample[] = [];
  private readonly stableQueue: Sample[] = [];
  private canaryN = 0;
  private stableN = 0;
  private canaryErrors = 0;
  private stableErrors = 0;
  /** Sorted stable latencies from earlier pairs, and the same values in arrival order (for eviction). */
  private readonly reference: number[] = [];
  private readonly referenceFifo: number[] = [];
  private latencyPairs = 0;
  private canarySlow = 0;
  private stableSlow = 0;
  private lastThreshold: number | null = null;
  private readonly errors: CheckState;
  private readonly latency: CheckState;
  private readonly failAlpha: number;
  private readonly passAlpha: number;

  constructor(private readonly policy: AnalysisPolicy) {
    const zero = (): PairCounts => ({ up: 0, down: 0, zero: 0 });
    this.errors = { signal: 'error-rate', pairs: zero(), tolerance: policy.errorTolerance, passed: false, failed: false, logFail: 0, logPass: 0 };
    this.latency = { signal: 'latency', pairs: zero(), tolerance: LATENCY_SHARE_TOLERANCE, passed: false, failed: false, logFail: 0, logPass: 0 };
    // A rollback needs only one signal to fail, so the fail side splits α (Bonferroni); a pass
    // needs every signal to pass, so a canary bad on any signal passes with probability ≤ α.
    this.failAlpha = policy.alpha / 2;
    this.passAlpha = policy.alpha;
  }

  observe(samples: readonly Sample[]): void {
    for (const s of samples) {
      if (s.side === 'canary') {
        this.canaryN++;
        if (!s.ok) this.canaryErrors++;
        this.canaryQueue.push(s);
      } else {
        this.stableN++;
        if (!s.ok) this.stableErrors++;
        this.stableQueue.push(s);
      }
    }
    // The slow threshold is fixed before this batch's pairs are formed and depends only on
    // stable requests of earlier pairs: a predictable threshold keeps E[D] = 0 for a healthy canary.
    const threshold = this.threshold();
    this.lastThreshold = threshold;
    const n = Math.min(this.canaryQueue.length, this.stableQueue.length);
    const c = this.canaryQueue.splice(0, n);
    const st = this.stableQueue.splice(0, n);
    for (let i = 0; i < n; i++) {
      bump(this.errors.pairs, (c[i].ok ? 0 : 1) - (st[i].ok ? 0 : 1));
      if (threshold !== null) {
        const cs = c[i].latencyMs > threshold ? 1 : 0;
        const ss = st[i].latencyMs > threshold ? 1 : 0;
        this.latencyPairs++;
        this.canarySlow += cs;
        this.stableSlow += ss;
        bump(this.latency.pairs, cs - ss);
      }
    }
    if (this.policy.maxLatencyMs === undefined) for (const s of st) this.remember(s.latencyMs);
  }

  verdict(final: boolean): Verdict {
    const checks = [this.errors, this.latency];
    for (const ch of checks) {
      ch.logFail = logEvalueAbove(ch.pairs, ch.tolerance);
      ch.logPass = logEvalueBelow(ch.pairs, ch.tolerance);
      // Rejecting "worse by the tolerance or more" at any time is the event Ville's inequality
      // bounds, so a signal that has passed stays passed.
      if (ch.logPass >= Math.log(1 / this.passAlpha)) ch.passed = true;
      if (ch.logFail >= Math.log(1 / this.failAlpha)) ch.failed = true;
    }
    const evidence = checks.map((ch) => this.evidence(ch));
    const samples = { canary: this.canaryN, stable: this.stableN };
    const failed = evidence.filter((e) => e.decision === 'fail');
    if (failed.length > 0) {
      return { decision: 'fail', reason: `The canary is worse than stable: ${failed.map((e) => e.explanation).join('; ')}.`, checks: evidence, samples };
    }
    const enough = this.canaryN >= Math.max(1, this.policy.minSamples) && this.stableN >= Math.max(1, this.policy.minSamples);
    if (enough && checks.every((ch) => ch.passed)) {
      return {
        decision: 'pass',
        reason: `The canary is within tolerance on every signal over ${count(this.canaryN)}/${count(this.stableN)} requests (canary/stable).`,
        checks: evidence,
        samples
      };
    }
    return { decision: 'continue', reason: this.continueReason(final, enough), checks: evidence, samples };
  }

  statistics(): Record<string, number> {
    return {
      'error-rate': this.errors.logFail,
      'error-rate.pass': this.errors.logPass,
      latency: this.latency.logFail,
      'latency.pass': this.latency.logPass
    };
  }

  private continueReason(final: boolean, enough: boolean): string {
    if (this.canaryN === 0 || this.stableN === 0) {
      const missing = this.canaryN === 0 && this.stableN === 0 ? 'no samples' : this.canaryN === 0 ? 'no canary samples' : 'no stable samples';
      return final ? `Inconclusive: ${missing} arrived during the step, so nothing can be compared.` : `Waiting for evidence: ${missing} yet.`;
    }
    const why = !enough
      ? `fewer than ${count(this.policy.minSamples)} samples per side (${count(this.canaryN)}/${count(this.stableN)})`
      : `the evidence over ${count(this.canaryN)}/${count(this.stableN)} requests shows neither a canary worse than the tolerance nor one within it`;
    return final ? `Inconclusive: ${why}.` : `Collecting: ${why}.`;
  }

  private evidence(ch: CheckState): CheckEvidence {
    const failBound = Math.log(1 / this.failAlpha);
    const passBound = Math.log(1 / this.passAlpha);
    const decision: Decision = ch.failed ? 'fail' : ch.passed ? 'pass' : 'continue';
    const isError = ch.signal === 'error-rate';
    const canary = isError ? rate(this.canaryErrors, this.canaryN) : rate(this.canarySlow, this.latencyPairs);
    const stable = isError ? rate(this.stableErrors, this.stableN) : rate(this.stableSlow, this.latencyPairs);
    const what = isError
      ? `canary error rate ${pct(canary)} vs stable ${pct(stable)} over ${count(this.canaryN)}/${count(this.stableN)} requests`
      : this.lastThreshold === null
        ? `no latency comparison yet (the stable reference needs ${LATENCY_WARMUP} requests)`
        : `${pct(canary)} of canary vs ${pct(stable)} of stable requests slower than ${this.thresholdText()} over ${count(this.latencyPairs)} pairs`;
    // Show the test nearer to its boundary, so the number explains the current state.
    const useFail = decision === 'fail' || (decision === 'continue' && ch.logFail / failBound >= ch.logPass / passBound);
    const logE = useFail ? ch.logFail : ch.logPass;
    const bound = useFail ? failBound : passBound;
    const a = useFail ? this.failAlpha : this.passAlpha;
    const tail =
      decision === 'fail'
        ? `worse by more than ${points(ch.tolerance)}`
        : decision === 'pass'
          ? `within ${points(ch.tolerance)} of stable`
          : useFail
            ? `not yet shown worse by more than ${points(ch.tolerance)}`
            : `not yet shown within ${points(ch.tolerance)}`;
    const cmp = logE >= bound ? '≥' : '<';
    return {
      signal: ch.signal,
      decision,
      canary,
      stable,
      tolerance: ch.tolerance,
      statistic: Math.exp(logE),
      boundary: Math.exp(bound),
      explanation: `${what}; e-value ${evalue(logE)} ${cmp} ${evalue(bound)} (α ${alphaText(a)}): ${tail}`
    };
  }

  private thresholdText(): string {
    const t = this.lastThreshold ?? 0;
    if (this.policy.maxLatencyMs !== undefined) return `max-latency ${ms(t)}`;
    return `${ms(t)} (stable p95 × ${+(1 + this.policy.latencyTolerance).toFixed(3)})`;
  }

  private threshold(): number | null {
    if (this.policy.maxLatencyMs !== undefined) return this.policy.maxLatencyMs;
    if (this.reference.length < LATENCY_WARMUP) return null;
    return (quantileSorted(this.reference, 0.95) ?? 0) * (1 + this.policy.latencyTolerance);
  }

  private remember(latency: number): void {
    insertSorted(this.reference, latency);
    this.referenceFifo.push(latency);
    if (this.referenceFifo.length > REFERENCE_CAP) {
      const old = this.referenceFifo.shift() as number;
      this.reference.splice(lowerBound(this.reference, old), 1);
    }
  }
}

function bump(c: PairCounts, d: number): void {
  if (d > 0) c.up++;
  else if (d < 0) c.down++;
  else c.zero++;
}

function rate(k: number, n: number): number {
  return n > 0 ? k / n : 0;
}

function lowerBound(a: number[], x: number): number {
  let lo = 0,
    hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(a: number[], x: number): void {
  a.splice(lowerBound(a, x), 0, x);
}
