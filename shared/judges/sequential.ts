import type { Judge, StepStart } from '../ports/judge.js';
import type { AnalysisPolicy } from '../model/plan.js';
import type { Sample } from '../model/sample.js';
import type { CheckEvidence, Decision, Verdict } from '../model/verdict.js';
import { CAP_HEAVY_BETS, EVEN_BETS, Gambler, StakedGambler } from './betting.js';
import { LookBlocks, unitDifferences } from './blocks.js';
import { RecentLatencies } from './latency-sketch.js';
import { alphaText, count, evalue, ms, pct, points } from './format.js';

/**
 * With `max-latency` set, a request slower than it is slow, and the canary may have at most this
 * many more points of slow requests than stable (the absolute judge holds the canary's own share to
 * it). A version whose p95 sits exactly on the line has 5 % of its requests above it.
 */
export const LATENCY_SHARE_TOLERANCE = 0.05;
/** Stable latencies needed before the reference p95 means anything; earlier blocks only seed it. */
const LATENCY_WARMUP = 20;
/** The reference p95 follows the most recent 2,000 to 4,000 compared stable requests, so slow drifts of both sides cancel. */
const REFERENCE_GENERATION = 2000;

interface Check {
  signal: 'error-rate' | 'latency';
  /** θ of the test on the mean of D. */
  theta: number;
  /** What the evidence table shows as the tolerance. */
  tolerance: number;
  fail: StakedGambler;
  pass: Gambler;
  /** The pass test on this step's samples alone: a step passes only if they lean towards within tolerance. */
  stepPass: Gambler;
  failed: boolean;
  /** Passed during the current step. */
  passed: boolean;
  logFail: number;
  logPass: number;
  /** Compared samples since the first step, and how many of them were bad. */
  canary: number;
  canaryBad: number;
  stable: number;
  stableBad: number;
}

/** The slow line of one block: a canary request is slow above `canary`, a stable one above `stable`. */
interface Line {
  canary: number;
  stable: number;
  /**
   * The canary's line for the fail tests: `canary` widened by the latencies' resolution, so that
   * rounding cannot take the tolerance away (see resolutionMargin).
   */
  canaryFail: number;
}

/**
 * Latencies reach the judge rounded: to 0.1 ms by the engine (sample-log.ts), to whole ms by
 * nginx's $request_time. With a stable line U and rounding of at most r either way, a canary within
 * tolerance (C ≤ (1 + tol)·S in distribution) has P(C rounded > L) ≤ P(S rounded > U) only for
 * L ≥ (1 + tol)·(U + r) + r. Without the margin, a fast service (U of a few ms at 1 ms resolution)
 * has its canary and stable judged at the same rounded value, and a canary 5 % slower is rolled back.
 */
function failLine(stableLine: number, tolerance: number, resolution: number): number {
  return (1 + tolerance) * (stableLine + resolution) + resolution;
}

/**
 * The latency fail test at a second line, stable's median × (1 + latencyTolerance). "Within
 * tolerance" (at most (1 + latencyTolerance)× slower in distribution) bounds the slow share at any
 * line, so a fail test at the median is as valid as one at the p95; a canary slower at every
 * percentile shows far more there (a Pareto tail: 13.9 points at the median against 1.4 at the p95).
 * It only ever fails a canary: passing still needs the tail (p95) test, so a canary slower only in
 * its tail is not passed on its median.
 */
interface MedianLine {
  fail: StakedGambler;
  /** This line's own fail wealth, and the p95 line's, at the last verdict (the check holds their mix). */
  logFail: number;
  tailLogFail: number;
  /** Only the fail side bets here, so only the canary's fail line is drawn. */
  last: Omit<Line, 'canary'> | null;
  canary: number;
  canaryBad: number;
  stable: number;
  stableBad: number;
}

/**
 * Sequential, anytime-valid comparison of canary and stable (docs/judge.md).
 *
 * Each look's samples form a block (a lone side's samples join the next one; blocks.ts): every
 * canary request is compared with the stable requests that arrived around it in the block,
 * D = 1[canary bad] − (share of its stable requests that are bad), for two notions of bad: an
 * error; a slow request (the roles swap when the canary has more requests). Two betting
 * e-processes per signal: one against "not worse than the tolerance" (rejecting it fails the
 * canary), one against "worse by the tolerance or more" (rejecting it passes the signal). α is split
 * between the signals on the fail side, so a canary within tolerance on both is rolled back with
 * probability ≤ α over the whole rollout, whenever the engine looks.
 *
 * Latency: the line T is stable's recent p95 × (1 + latencyTolerance); a canary request is slow
 * above T, a stable one above T / (1 + latencyTolerance). A canary at most (1 + latencyTolerance)×
 * slower than stable has no more requests above T than stable has above T / (1 + latencyTolerance),
 * whatever the shape of the tail, so the test needs no margin in points. The fail side also bets at
 * stable's median × (1 + latencyTolerance) (MedianLine), where a canary slower at every percentile
 * shows far more; the pass side keeps to the tail. For the fail side the canary's lines are widened
 * by the latencies' resolution (failLine).
 *
 * Across steps (beginStep) the e-processes keep running: the pass side's wealth carries, the fail
 * side stakes a reserve at each step (StakedGambler). A step passes once its own samples reach
 * minSamples per side, every signal's pass test is at or above 1/β during the step, and the pass
 * test over the step's own units is at least 1 (so a canary that turns bad is not passed on the
 * strength of earlier steps).
 */
export class SequentialJudge implements Judge {
  readonly name = 'sequential';
  private readonly blocks = new LookBlocks();
  private readonly reference = new RecentLatencies(REFERENCE_GENERATION);
  private readonly errors: Check;
  private readonly latency: Check;
  private readonly failAlpha: number;
  private readonly passAlpha: number;
  private lastLine: Line | null = null;
  /** Whether every timed latency so far was a whole number of ms (then the resolution is 1 ms, else 0.1 ms). */
  private wholeMs = true;
  /** Relative latency only: the median line's fail test, mixed half and half with the p95 line's. */
  private readonly median: MedianLine | null;
  /** Whether any block had timed requests of both sides (see observe). */
  private latencyMeasured = false;
  /** Steps seen (1 until a second step begins after samples arrived). */
  private steps = 1;
  private stepHasSamples = false;
  private stepCanary = 0;
  private stepStable = 0;

  constructor(private readonly policy: AnalysisPolicy) {
    const relative = policy.maxLatencyMs === undefined;
    this.errors = check('error-rate', policy.errorTolerance, policy.errorTolerance, true);
    // Relative line: E[D] ≤ 0 is "within tolerance" (the tolerance is in the line); fixed line: 5 points.
    this.latency = relative ? check('latency', 0, policy.latencyTolerance, false) : check('latency', LATENCY_SHARE_TOLERANCE, LATENCY_SHARE_TOLERANCE, false);
    this.median = relative
      ? { fail: new StakedGambler(0, 'above', EVEN_BETS), logFail: 0, tailLogFail: 0, last: null, canary: 0, canaryBad: 0, stable: 0, stableBad: 0 }
      : null;
    // A rollback needs only one signal to fail, so the fail side splits α (Bonferroni); a pass
    // needs every signal to pass, so a canary bad on any signal passes with probability ≤ β, which
    // is a budget of its own (docs/judge.md, "α and β").
    this.failAlpha = policy.alpha / 2;
    this.passAlpha = policy.beta;
  }

  beginStep(_step: StepStart): void {
    if (!this.stepHasSamples) return;
    this.steps++;
    this.stepHasSamples = false;
    this.stepCanary = 0;
    this.stepStable = 0;
    this.blocks.drop();
    this.median?.fail.nextStep();
    for (const ch of [this.errors, this.latency]) {
      ch.fail.nextStep();
      ch.stepPass = new Gambler(ch.theta, 'below', EVEN_BETS);
      ch.passed = false;
    }
  }

  observe(samples: readonly Sample[]): void {
    for (const s of samples) {
      if (s.side === 'canary') this.stepCanary++;
      else this.stepStable++;
    }
    if (samples.length > 0) this.stepHasSamples = true;
    const block = this.blocks.take(samples);
    if (!block) return;
    compare(
      this.errors,
      block,
      (c) => !c.ok,
      (s) => !s.ok
    );
    // The line is fixed before this block is compared and depends only on stable requests of
    // earlier blocks: a predictable line keeps E[D | past] ≤ θ for a canary within tolerance.
    // Only requests timed one by one take part in the latency test: a source without per-request
    // latency (HAProxy's counters) says nothing about the tail, and a moving average given to every
    // request of a read would look like thousands of identical, perfectly correlated requests.
    const timed = { canary: block.canary.filter(hasLatency), stable: block.stable.filter(hasLatency) };
    if (timed.canary.length === 0 || timed.stable.length === 0) return;
    this.latencyMeasured = true;
    const line = this.line();
    this.lastLine = line ?? this.lastLine;
    if (line) {
      compare(
        this.latency,
        timed,
        (c) => c.latencyMs > line.canary,
        (s) => s.latencyMs > line.stable,
        line.canaryFail === line.canary ? undefined : (c) => c.latencyMs > line.canaryFail
      );
    }
    const mid = this.median && this.reference.count >= LATENCY_WARMUP ? this.medianLine() : null;
    if (this.median && mid) {
      const m = this.median;
      m.last = mid;
      const u = units(
        timed,
        (c) => c.latencyMs > mid.canaryFail,
        (s) => s.latencyMs > mid.stable
      );
      m.fail.beginBlock(u.k);
      for (const [d, times] of u.diffs) m.fail.bet(d, times);
      m.canary += u.canary;
      m.canaryBad += u.canaryBad;
      m.stable += u.stable;
      m.stableBad += u.stableBad;
    }
    if (this.policy.maxLatencyMs === undefined) for (const s of timed.stable) this.reference.add(s.latencyMs);
    // After the block: the resolution, like the lines, comes from earlier blocks only.
    if (this.wholeMs) this.wholeMs = timed.canary.every(isWholeMs) && timed.stable.every(isWholeMs);
  }

  /** How finely latencies are measured, as far as the judge can tell: 1 ms, or the engine's 0.1 ms. */
  private resolution(): number {
    return this.wholeMs ? 1 : 0.1;
  }

  /** The checks a pass needs: latency only once some source has timed requests of both sides. */
  private checks(): Check[] {
    return this.latencyMeasured ? [this.errors, this.latency] : [this.errors];
  }

  verdict(final: boolean): Verdict {
    const checks = this.checks();
    for (const ch of checks) {
      ch.logFail = ch.fail.logWealth();
      if (ch === this.latency && this.median) {
        // Half the fail wealth on each line: the average of two e-processes for the same null is one.
        this.median.tailLogFail = ch.logFail;
        this.median.logFail = this.median.fail.logWealth();
        ch.logFail = logMeanExp(ch.logFail, this.median.logFail);
      }
      ch.logPass = ch.pass.logWealth();
      // Rejecting "worse by the tolerance or more" at any time is the event Ville's inequality
      // bounds, so a signal that has passed stays passed for the rest of the step.
      if (ch.logPass >= Math.log(1 / this.passAlpha)) ch.passed = true;
      if (ch.logFail >= Math.log(1 / this.failAlpha)) ch.failed = true;
    }
    const evidence = checks.map((ch) => this.evidence(ch));
    const samples = { canary: this.stepCanary, stable: this.stepStable };
    const failed = evidence.filter((e) => e.decision === 'fail');
    if (failed.length > 0) {
      return { decision: 'fail', reason: `The canary is worse than stable: ${failed.map((e) => e.explanation).join('; ')}.`, checks: evidence, samples };
    }
    const min = Math.max(1, this.policy.minSamples);
    const enough = this.stepCanary >= min && this.stepStable >= min;
    // A later step's own samples must lean towards within tolerance too (docs/judge.md): the
    // carried evidence alone would let a canary that turns bad at this step pass after minSamples.
    if (enough && checks.every((ch) => ch.passed && this.ownEvidenceAgrees(ch))) {
      return {
        decision: 'pass',
        reason: `The canary is within tolerance on ${this.latencyMeasured ? 'every signal' : 'its error rate'} over ${this.over()} (canary/stable)${this.latencyMeasured ? '' : '; no signal source timed individual requests, so latency was not compared'}.`,
        checks: evidence,
        samples
      };
    }
    return { decision: 'continue', reason: this.continueReason(final, enough), checks: evidence, samples };
  }

  /** At a later step, the pass test over the step's own units is at least 1 (at the first step it is the carried one). */
  private ownEvidenceAgrees(ch: Check): boolean {
    return this.steps === 1 || ch.stepPass.logWealth() >= 0;
  }

  statistics(): Record<string, number> {
    return {
      'error-rate': this.errors.logFail,
      'error-rate.pass': this.errors.logPass,
      latency: this.latency.logFail,
      'latency.pass': this.latency.logPass
    };
  }

  /** "600/5,400 requests" (this step), with the evidence carried from earlier steps when there is some. */
  private over(): string {
    const here = `${count(this.stepCanary)}/${count(this.stepStable)} requests`;
    if (this.steps === 1) return here;
    return `${here} in this step and ${count(this.errors.canary)}/${count(this.errors.stable)} compared since step 1`;
  }

  private continueReason(final: boolean, enough: boolean): string {
    if (this.stepCanary === 0 || this.stepStable === 0) {
      const missing = this.stepCanary === 0 && this.stepStable === 0 ? 'no samples' : this.stepCanary === 0 ? 'no canary samples' : 'no stable samples';
      return final ? `Inconclusive: ${missing} arrived during the step, so nothing can be compared.` : `Waiting for evidence: ${missing} yet.`;
    }
    const checks = this.checks();
    const why = !enough
      ? `fewer than ${count(this.policy.minSamples)} samples per side in this step (${count(this.stepCanary)}/${count(this.stepStable)})`
      : checks.every((ch) => ch.passed)
        ? `every signal is within tolerance on the evidence since step 1, but this step's own ${count(this.stepCanary)}/${count(this.stepStable)} requests do not lean that way yet`
        : `the evidence over ${this.over()} shows neither a canary worse than the tolerance nor one within it (${this.undecided(checks)})`;
    return final ? `Inconclusive: ${why}.` : `Collecting: ${why}.`;
  }

  /** "latency undecided; error rate within tolerance": which signal an inconclusive step still waits on. */
  private undecided(checks: Check[]): string {
    const name = (ch: Check): string => (ch.signal === 'error-rate' ? 'error rate' : 'latency');
    const open = checks.filter((ch) => !ch.passed).map(name);
    const done = checks.filter((ch) => ch.passed).map(name);
    return `${open.join(' and ')} undecided${done.length > 0 ? `; ${done.join(' and ')} within tolerance` : ''}`;
  }

  private evidence(ch: Check): CheckEvidence {
    const failBound = Math.log(1 / this.failAlpha);
    const passBound = Math.log(1 / this.passAlpha);
    const decision: Decision = ch.failed ? 'fail' : ch.passed ? 'pass' : 'continue';
    // Show the test nearer to its boundary, so the number explains the current state.
    const useFail = decision === 'fail' || (decision === 'continue' && ch.logFail / failBound >= ch.logPass / passBound);
    // The latency fail side bets on two lines; explain it by the one that holds more of its evidence.
    const m = this.median;
    const byMedian = ch === this.latency && m !== null && m.last !== null && useFail && m.logFail > m.tailLogFail;
    const counts = byMedian ? m : ch;
    const canary = rate(counts.canaryBad, counts.canary);
    const stable = rate(counts.stableBad, counts.stable);
    const over = `over ${count(counts.canary)}/${count(counts.stable)} requests${this.steps > 1 ? ' since step 1' : ''}`;
    const relative = this.policy.maxLatencyMs === undefined;
    const factor = +(1 + this.policy.latencyTolerance).toFixed(3);
    // The median line's counts are taken at its fail line (widened for rounding), the p95 line's at its central line.
    const mid = byMedian ? m.last : null;
    const shown = mid
      ? { line: mid, name: 'median', at: mid.canaryFail, margin: ' + rounding margin' }
      : { line: this.lastLine, name: 'p95', at: this.lastLine?.canary ?? 0, margin: '' };
    let what: string;
    if (ch.signal === 'error-rate') what = `canary error rate ${pct(canary)} vs stable ${pct(stable)} ${over}`;
    else if (shown.line === null) what = `no latency comparison yet (the stable reference needs ${LATENCY_WARMUP} requests)`;
    else if (!relative) what = `${pct(canary)} of canary vs ${pct(stable)} of stable requests slower than max-latency ${ms(shown.at)} ${over}`;
    else
      what = `${pct(canary)} of canary requests slower than ${ms(shown.at)} (stable ${shown.name} × ${factor}${shown.margin}) vs ${pct(stable)} of stable requests slower than ${ms(shown.line.stable)} (its ${shown.name}) ${over}`;
    const logE = useFail ? ch.logFail : ch.logPass;
    const bound = useFail ? failBound : passBound;
    const a = useFail ? this.failAlpha : this.passAlpha;
    const worse =
      ch.signal === 'latency' && relative
        ? `slower than stable by more than ${percent(this.policy.latencyTolerance)}`
        : `worse by more than ${points(ch.tolerance)}`;
    const within =
      ch.signal === 'latency' && relative ? `within ${percent(this.policy.latencyTolerance)} of stable's latency` : `within ${points(ch.tolerance)} of stable`;
    const tail = decision === 'fail' ? worse : decision === 'pass' ? within : `not yet shown ${useFail ? worse : within}`;
    const cmp = logE >= bound ? '≥' : '<';
    return {
      signal: ch.signal,
      decision,
      canary,
      stable,
      tolerance: ch.tolerance,
      statistic: Math.exp(logE),
      boundary: Math.exp(bound),
      explanation: `${what}; e-value ${evalue(logE)} ${cmp} ${evalue(bound)} (${useFail ? 'α' : 'β'} ${alphaText(a)}): ${tail}`
    };
  }

  private medianLine(): Omit<Line, 'canary'> {
    const p50 = this.reference.quantile(0.5) ?? 0;
    return { stable: p50, canaryFail: failLine(p50, this.policy.latencyTolerance, this.resolution()) };
  }

  private line(): Line | null {
    const max = this.policy.maxLatencyMs;
    // A fixed line is the same for both sides, so rounding moves both alike and the 5-point margin stays.
    if (max !== undefined) return { canary: max, stable: max, canaryFail: max };
    if (this.reference.count < LATENCY_WARMUP) return null;
    const p95 = this.reference.quantile(0.95) ?? 0;
    const tol = this.policy.latencyTolerance;
    return { canary: p95 * (1 + tol), stable: p95, canaryFail: failLine(p95, tol, this.resolution()) };
  }
}

function check(signal: Check['signal'], theta: number, tolerance: number, capHeavy: boolean): Check {
  return {
    signal,
    theta,
    tolerance,
    // Error rates are small, so at k ≥ 4 stable requests per canary request (or the reverse) the
    // best bet against a clear excess sits at the cap (betting.ts); each stake picks its prior from
    // the split of the first block it bets on.
    fail: new StakedGambler(theta, 'above', capHeavy ? (k) => (k >= 4 ? CAP_HEAVY_BETS : EVEN_BETS) : EVEN_BETS),
    pass: new Gambler(theta, 'below', EVEN_BETS),
    stepPass: new Gambler(theta, 'below', EVEN_BETS),
    failed: false,
    passed: false,
    logFail: 0,
    logPass: 0,
    canary: 0,
    canaryBad: 0,
    stable: 0,
    stableBad: 0
  };
}

/** Bets both of a check's e-processes on the block's time-aligned units. */
function compare<S extends Sample>(
  ch: Check,
  block: { canary: readonly S[]; stable: readonly S[] },
  canaryBad: (s: S) => boolean,
  stableBad: (s: S) => boolean,
  canaryBadForFail?: (s: S) => boolean
): void {
  const u = units(block, canaryBad, stableBad);
  // The fail test may draw the canary's line wider (rounded latencies, failLine); the pass test never does.
  const f = canaryBadForFail ? units(block, canaryBadForFail, stableBad) : u;
  ch.fail.beginBlock(f.k);
  for (const [d, times] of f.diffs) ch.fail.bet(d, times);
  for (const [d, times] of u.diffs) {
    ch.pass.bet(d, times);
    ch.stepPass.bet(d, times);
  }
  ch.canary += u.canary;
  ch.canaryBad += u.canaryBad;
  ch.stable += u.stable;
  ch.stableBad += u.stableBad;
}

/** A block's time-aligned units (D and how often it occurs), its split k, and the bad counts of each side. */
function units<S extends Sample>(
  block: { canary: readonly S[]; stable: readonly S[] },
  canaryBad: (s: S) => boolean,
  stableBad: (s: S) => boolean
): { diffs: Map<number, number>; k: number; canary: number; canaryBad: number; stable: number; stableBad: number } {
  const c = flags(block.canary, canaryBad);
  const s = flags(block.stable, stableBad);
  const diffs = new Map<number, number>();
  unitDifferences(c.flags, s.flags, diffs);
  const m = c.flags.length;
  const n = s.flags.length;
  return { diffs, k: Math.max(m, n) / Math.min(m, n), canary: m, canaryBad: c.bad, stable: n, stableBad: s.bad };
}

/** log((e^a + e^b) / 2) without overflow. */
function logMeanExp(a: number, b: number): number {
  const m = Math.max(a, b);
  if (m === -Infinity) return m;
  return m + Math.log((Math.exp(a - m) + Math.exp(b - m)) / 2);
}

function flags<S extends Sample>(samples: readonly S[], bad: (s: S) => boolean): { flags: Uint8Array; bad: number } {
  const out = new Uint8Array(samples.length);
  let n = 0;
  for (let i = 0; i < samples.length; i++) {
    if (bad(samples[i])) {
      out[i] = 1;
      n++;
    }
  }
  return { flags: out, bad: n };
}

function isWholeMs(s: Sample & { latencyMs: number }): boolean {
  return Number.isInteger(s.latencyMs);
}

function hasLatency(s: Sample): s is Sample & { latencyMs: number } {
  return s.latencyMs !== null;
}

function rate(k: number, n: number): number {
  return n > 0 ? k / n : 0;
}

function percent(x: number): string {
  return `${+(x * 100).toFixed(1)} %`;
}
