import type { Judge } from '../ports/judge.js';
import type { AnalysisPolicy } from '../model/plan.js';
import type { Sample } from '../model/sample.js';
import type { CheckEvidence, Verdict } from '../model/verdict.js';
import { quantileSorted } from '../util/stats.js';
import { count, ms, pct, points } from './format.js';

/**
 * Fixed comparison of the step's totals: fail when the canary's error rate exceeds stable's by
 * more than errorTolerance, or its p95 exceeds stable's p95 × (1 + latencyTolerance) (or
 * maxLatencyMs when set), once both sides have minSamples; pass at the final look when within.
 * Simple and predictable, but it has no error-rate guarantee when looked at repeatedly.
 */
export class ThresholdsJudge implements Judge {
  readonly name = 'thresholds';
  private canaryN = 0;
  private stableN = 0;
  private canaryErrors = 0;
  private stableErrors = 0;
  private readonly canaryLatency: number[] = [];
  private readonly stableLatency: number[] = [];
  private sorted = true;
  private last: { errorDiff: number; latencyRatio: number } = { errorDiff: 0, latencyRatio: 0 };

  constructor(private readonly policy: AnalysisPolicy) {}

  observe(samples: readonly Sample[]): void {
    for (const s of samples) {
      if (s.side === 'canary') {
        this.canaryN++;
        if (!s.ok) this.canaryErrors++;
        if (s.latencyMs !== null) this.canaryLatency.push(s.latencyMs);
      } else {
        this.stableN++;
        if (!s.ok) this.stableErrors++;
        if (s.latencyMs !== null) this.stableLatency.push(s.latencyMs);
      }
    }
    if (samples.length > 0) this.sorted = false;
  }

  verdict(final: boolean): Verdict {
    if (!this.sorted) {
      this.canaryLatency.sort((a, b) => a - b);
      this.stableLatency.sort((a, b) => a - b);
      this.sorted = true;
    }
    const samples = { canary: this.canaryN, stable: this.stableN };
    const enough = this.canaryN >= Math.max(1, this.policy.minSamples) && this.stableN >= Math.max(1, this.policy.minSamples);
    const ce = this.canaryN ? this.canaryErrors / this.canaryN : 0;
    const se = this.stableN ? this.stableErrors / this.stableN : 0;
    const errorDiff = ce - se;
    const errorBad = errorDiff > this.policy.errorTolerance;
    const cp95 = quantileSorted(this.canaryLatency, 0.95);
    const sp95 = quantileSorted(this.stableLatency, 0.95);
    const limit = this.policy.maxLatencyMs ?? (sp95 === null ? null : sp95 * (1 + this.policy.latencyTolerance));
    const latencyBad = cp95 !== null && limit !== null && cp95 > limit;
    this.last = { errorDiff, latencyRatio: cp95 !== null && limit ? cp95 / limit : 0 };
    const over = `over ${count(this.canaryN)}/${count(this.stableN)} requests`;
    const decide = (bad: boolean): CheckEvidence['decision'] => (!enough ? 'continue' : bad ? 'fail' : final ? 'pass' : 'continue');
    const checks: CheckEvidence[] = [
      {
        signal: 'error-rate',
        decision: decide(errorBad),
        canary: ce,
        stable: se,
        tolerance: this.policy.errorTolerance,
        statistic: errorDiff,
        boundary: this.policy.errorTolerance,
        explanation: `canary error rate ${pct(ce)} vs stable ${pct(se)} ${over}; difference ${points(errorDiff)} ${errorBad ? '>' : '≤'} ${points(this.policy.errorTolerance)} allowed`
      },
      {
        signal: 'latency',
        decision: decide(latencyBad),
        canary: cp95 ?? 0,
        stable: sp95 ?? 0,
        tolerance: this.policy.latencyTolerance,
        statistic: cp95 ?? 0,
        boundary: limit ?? 0,
        explanation:
          cp95 === null || limit === null
            ? 'no latency comparison yet'
            : `canary p95 ${ms(cp95)} vs stable p95 ${ms(sp95 ?? 0)} ${over}; ${latencyBad ? 'above' : 'within'} the limit ${ms(limit)}${this.policy.maxLatencyMs !== undefined ? ' (max-latency)' : ` (stable p95 × ${+(1 + this.policy.latencyTolerance).toFixed(3)})`}`
      }
    ];
    const failed = checks.filter((c) => c.decision === 'fail');
    if (failed.length) return { decision: 'fail', reason: `The canary is worse than stable: ${failed.map((c) => c.explanation).join('; ')}.`, checks, samples };
    if (enough && final) return { decision: 'pass', reason: `The canary stayed within the thresholds ${over} (canary/stable).`, checks, samples };
    const why =
      this.canaryN === 0 && this.stableN === 0
        ? 'no samples'
        : !enough
          ? `fewer than ${count(this.policy.minSamples)} samples per side (${count(this.canaryN)}/${count(this.stableN)})`
          : 'within the thresholds so far';
    return { decision: 'continue', reason: final ? `Inconclusive: ${why}.` : `Collecting: ${why}.`, checks, samples };
  }

  statistics(): Record<string, number> {
    return { 'error-rate': this.last.errorDiff, latency: this.last.latencyRatio };
  }
}
