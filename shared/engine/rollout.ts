import { stepsText, type RolloutPlan } from '../model/plan.js';
import type { Release } from '../model/release.js';
import type { BaselineKind, FreezeOverride, Look, RolloutReport, RolloutResult, StepReport, TimelineEvent, WaveReport } from '../model/report.js';
import type { Sample } from '../model/sample.js';
import type { Verdict } from '../model/verdict.js';
import type { DeployContext, DeployTarget, TargetStatus } from '../ports/deploy-target.js';
import type { JudgeFactory } from '../ports/judge.js';
import type { DeploymentRecord, DeploymentState, Ledger, RolloutProgress, RunOwner } from '../ports/ledger.js';
import type { Notifier } from '../ports/notifier.js';
import type { SignalSource } from '../ports/signal-source.js';
import type { Logger } from '../util/log.js';
import { ownerName } from '../ledgers/owner.js';
import { escapeLogText } from '../util/escape.js';
import { formatDuration } from '../util/duration.js';
import { sideStats } from '../util/stats.js';
import { count } from '../judges/format.js';
import { realClock, type Clock } from './clock.js';
import { CancelledError, errorMessage } from './errors.js';
import { notifyAll } from './notify.js';
import { announce, buildReport } from './report.js';
import { settleOthers, type SettleDeps } from './settle.js';
import { EvidenceRecorder, normaliseSamples, SampleBudget } from './sample-log.js';
import { judgeLook, startStepJudge, stepOutcome, type CarriedJudge } from './step-rules.js';

export interface StepInfo {
  index: number;
  weight: number;
}

export type SignalSourceFactory = (step: StepInfo, status: TargetStatus, release: Release, previous: Release | null) => SignalSource[];

export interface EngineDeps {
  /** Set when the rollout goes ahead inside a freeze window (override-freeze): recorded in the ledger and the report. */
  freezeOverride?: FreezeOverride;
  target: DeployTarget;
  ledger: Ledger;
  createJudge: JudgeFactory;
  /** Judge of a first release (nothing to compare with): absolute bounds on the canary alone. */
  createFirstReleaseJudge: JudgeFactory;
  /** Signal sources for one step; called after the canary runs so target URLs are known. */
  signalSources: SignalSourceFactory;
  /** True when stable-url is given: a baseline exists even when no ledger or target knows stable. */
  stableUrlGiven?: boolean;
  notifiers: Notifier[];
  logger: Logger;
  /** This run, recorded as the rollout's owner so other runs can tell a live rollout from an orphan. */
  owner: RunOwner;
  /** How long to wait for another run's rollout of the environment. */
  lockTimeoutMs: number;
  /** The commit the merge-gating status goes on (kept so a later promote or abort resolves it). */
  statusCommit?: string;
  clock?: Clock;
  /** Aborted on cancellation: the engine rolls back and reports it. */
  signal?: AbortSignal;
  logUrl?: string;
  environmentUrl?: string;
  /** Called as soon as the ledger knows the deployment, so a post step can restore stable after a kill. */
  onDeploymentStarted?(info: { deploymentId: string; previous: Release | null; release: Release }): void;
  /**
   * Removes the run's secrets (the token, the webhook) from untrusted text before the report is
   * built: a failing service may echo them in its response bodies, which the summary, the report
   * and the incident issue quote.
   */
  redact?: (text: string) => string;
  deploymentUrl?: (deploymentId: string) => string | undefined;
  /** Called after each look of the judge (a CLI draws a progress line from it); what it throws is ignored. */
  onLook?: (look: LookProgress) => void;
}

/** One look of the judge, as EngineDeps.onLook hears of it. */
export interface LookProgress {
  /** The step, 1-based (as the ledger's progress counts), of `steps`. */
  step: number;
  steps: number;
  /** Canary weight of the step, in percent. */
  weight: number;
  /** The fleet wave, 1-based, for fleets. */
  wave?: number;
  /** ms since the step began, of at most `stepDurationMs`. */
  atMs: number;
  stepDurationMs: number;
  /** Samples of each side seen this step so far. */
  canary: number;
  stable: number;
  /** The judge's statistics (log e-value or statistic per check). */
  statistics: Record<string, number>;
  /** What this look decided ('continue' at the step's last look: on-inconclusive decides). */
  decision: 'continue' | 'pass' | 'fail';
}

/** Runs one rollout: pending → canary(step i) → promoted | rolled-back | failed | paused. */
export async function runRollout(plan: RolloutPlan, release: Release, deps: EngineDeps): Promise<RolloutReport> {
  const run = new RolloutRun(plan, release, deps);
  return run.execute();
}

type Outcome = { result: RolloutResult; reason: string };

class RolloutRun {
  private readonly clock: Clock;
  private readonly timeline: TimelineEvent[] = [];
  private readonly steps: StepReport[] = [];
  private readonly settled: string[] = [];
  private readonly startedAt: number;
  private deploymentId = '';
  private previous: Release | null = null;
  private weight = 0;
  private canaryDeployed = false;
  private firstRelease = false;
  private rollbackMs: number | null = null;

  constructor(
    private readonly plan: RolloutPlan,
    private readonly release: Release,
    private readonly deps: EngineDeps
  ) {
    this.clock = deps.clock ?? realClock;
    this.startedAt = this.clock.now();
  }

  private get env(): string {
    return this.plan.environment;
  }

  async execute(): Promise<RolloutReport> {
    const { target, ledger, logger } = this.deps;
    const env = this.env;
    const settle: SettleDeps = {
      environment: env,
      target,
      ledger,
      logger,
      clock: this.clock,
      lockTimeoutMs: this.deps.lockTimeoutMs,
      signal: this.deps.signal,
      // Named in ledger descriptions (140 characters; the status's log_url links this run).
      me: `${this.deps.owner.runId ? `run ${this.deps.owner.runId}` : ownerName(this.deps.owner)} deploying ${this.release.version}`
    };
    await target.preflight?.(); // before anything is settled, recorded or started
    // The ledger, not this runner's memory, says what is live and what is unfinished.
    const before = await settleOthers(settle, { excludeVersion: this.release.version });
    this.noteSettled(before.notes);
    let status = await target.status();
    if (status.canary && !before.view.active.some((r) => r.release.version === status.canary?.version)) {
      await this.retireUnrecordedCanary(status, before.view.lastGood?.release ?? null);
      status = await target.status();
    }
    const live = status.stable ?? before.view.history.find((r) => r.state === 'success')?.release ?? null;
    if (live && live.version === this.release.version && !status.canary) {
      this.previous = live;
      this.event('noop', `${this.release.version} is already the stable version of ${env}`);
      return this.finishReport('promoted', `${this.release.version} is already live in ${env}; nothing to do.`);
    }
    this.previous = status.stable ?? before.view.lastGood?.release ?? null;

    const record = await ledger.begin({
      environment: env,
      release: this.release,
      kind: 'rollout',
      description: `Canary ${this.release.version} (steps ${stepsText(this.plan, ', ')} %)${this.deps.freezeOverride ? `, overriding freeze ${this.deps.freezeOverride.window}` : ''}`,
      ...(this.deps.freezeOverride ? { payload: { freezeOverride: this.deps.freezeOverride } } : {}),
      rollout: {
        plan: this.plan,
        previous: this.previous,
        owner: this.deps.owner,
        target: target.name,
        ...(this.deps.statusCommit ? { statusCommit: this.deps.statusCommit } : {})
      },
      progress: { weight: 0, step: 0, steps: this.plan.steps.length, paused: false },
      logUrl: this.deps.logUrl,
      environmentUrl: this.deps.environmentUrl
    });
    this.deploymentId = record.id;
    this.deps.onDeploymentStarted?.({ deploymentId: record.id, previous: this.previous, release: this.release });
    // Two runs may have begun at once: the one that began first goes on, the other waits for it.
    if (!(await this.waitForEarlierRuns(settle, record))) {
      return this.finishReport('failed', this.refusal);
    }
    this.event('started', `deployment ${record.id}: ${this.previous?.version ?? 'nothing'} → ${this.release.version}`);
    if (this.deps.freezeOverride)
      this.event(
        'freeze-overridden',
        `freeze ${this.deps.freezeOverride.window} (${this.deps.freezeOverride.start} to ${this.deps.freezeOverride.end}): ${this.deps.freezeOverride.reason}`
      );
    await notifyAll(
      this.deps.notifiers,
      { type: 'started', environment: env, version: this.release.version, deploymentId: record.id, logUrl: this.deps.logUrl },
      logger
    );

    let outcome: Outcome;
    try {
      outcome = await this.walkWaves();
    } catch (err) {
      const cancelled = err instanceof CancelledError || this.deps.signal?.aborted;
      const why = cancelled ? 'the job was cancelled' : errorMessage(err);
      logger.warning(`Rolling back ${this.release.version}: ${escapeLogText(why)}.`);
      const at = this.weight;
      const restored = await this.restoreStable(why);
      const result: RolloutResult = cancelled && restored ? 'rolled-back' : 'failed';
      const reason =
        this.wavePrefix() +
        (restored
          ? `${cancelled ? 'Cancelled' : 'Failed'} at ${at} %: ${why}; traffic is back on ${this.stableName()}${this.wavesRestored()}.`
          : `Failed at ${at} %: ${why}; ${this.restoreFailure()}`);
      await this.recordOutcome(result === 'rolled-back' ? 'failure' : 'error', reason);
      return this.finishReport(result, reason);
    }
    const unrecorded = await this.recordOutcome(deploymentStateFor(outcome.result), outcome.reason, outcome.result === 'paused');
    if (unrecorded && outcome.result === 'paused') {
      // Nobody could find this pause to promote or abort it: the canary must not keep its traffic.
      const at = this.weight;
      const restored = await this.restoreStable(`the pause could not be recorded: ${unrecorded}`);
      const reason = restored
        ? `Could not pause at ${at} %: ${unrecorded}; traffic is back on ${this.stableName()}.`
        : `Could not pause at ${at} %: ${unrecorded}; ${this.restoreFailure()}`;
      await this.recordOutcome('error', reason);
      return this.finishReport('failed', reason);
    }
    if (unrecorded && outcome.result === 'promoted') {
      // Traffic is where it must be (the new stable at 100 %), but the ledger still calls the
      // rollout unfinished: the step fails so that somebody records it (the report's timeline says so).
      this.event('outcome-unrecorded', unrecorded);
      const reason = `${this.release.version} was promoted to 100 %, but ${lowerFirst(unrecorded)}; until it is recorded (re-run the job), the next rollout takes it for unfinished and restores ${this.previous?.version ?? 'the previous version'} first.`;
      return this.finishReport('promoted', reason);
    }
    return this.finishReport(outcome.result, outcome.reason);
  }

  /** The end of a sentence saying that restoring stable failed, and why. */
  private restoreFailure(): string {
    return `restoring ${this.previous?.version ?? 'stable'} also failed (${this.restoreError}) — check the target by hand.`;
  }

  private restoreError = '';

  private refusal = '';

  /** False (with the deployment closed as error) when an earlier run's rollout blocks this one. */
  private async waitForEarlierRuns(settle: SettleDeps, mine: DeploymentRecord): Promise<boolean> {
    try {
      const after = await settleOthers(settle, { mine, excludeVersion: this.release.version });
      this.noteSettled(after.notes);
      const waited = after.notes.length > 0 || after.view.lastGood?.release.version !== (this.previous?.version ?? undefined);
      if (waited) {
        // Whatever the earlier run did is now stable.
        const status = await this.deps.target.status();
        this.previous = status.stable ?? after.view.lastGood?.release ?? this.previous;
        // The post step must restore what is stable now, not what was before the wait.
        this.deps.onDeploymentStarted?.({ deploymentId: mine.id, previous: this.previous, release: this.release });
      }
      return true;
    } catch (err) {
      if (err instanceof CancelledError) this.refusal = `Cancelled while waiting for another run's rollout of ${this.env}; nothing was deployed.`;
      else this.refusal = `${errorMessage(err)}; ${this.release.version} was not deployed.`;
      this.event('refused', this.refusal);
      await this.recordOutcome('error', this.refusal);
      return false;
    }
  }

  /** A canary the target runs but no unfinished ledger record owns: put stable back first. */
  private async retireUnrecordedCanary(status: TargetStatus, lastGood: Release | null): Promise<void> {
    const canary = status.canary as Release;
    const stable = status.stable ?? lastGood;
    const note = `The ${this.deps.target.name} target still ran a canary of ${canary.version} at ${status.weight} % that no unfinished rollout in the ledger owns: traffic was put back on ${stable?.version ?? 'the stable version'} first.`;
    this.deps.logger.warning(escapeLogText(note));
    await this.deps.target.rollback(stable, {
      environment: this.env,
      deploymentId: '',
      version: canary.version,
      previousVersion: stable?.version ?? '',
      weight: 0,
      artifact: canary.artifact,
      digest: canary.digest
    });
    this.noteSettled([note]);
  }

  private noteSettled(notes: string[]): void {
    for (const n of notes) {
      this.settled.push(n);
      this.event('settled', n);
    }
  }

  /**
   * One target: deploy, walk the steps, promote. A fleet: the same once per wave; the next wave
   * starts only after the previous one is promoted, and a failure restores the current wave and
   * every earlier one (the fleet target's rollback), newest first.
   */
  private async walkWaves(): Promise<Outcome> {
    const fleet = this.deps.target.fleet;
    const count = fleet?.waves.length ?? 1;
    const baseline = this.previous !== null || this.deps.stableUrlGiven === true;
    let outcome: Outcome = { result: 'failed', reason: 'no wave ran' };
    for (let w = 0; w < count; w++) {
      this.checkCancelled();
      if (fleet) {
        fleet.begin(w);
        this.wave = w;
        this.waveResults[w] = 'started';
        this.event('wave', `wave ${w + 1}/${count} (${fleet.waves[w].name}): ${fleet.waves[w].targets.join(', ')}`);
        this.deps.logger.info(`Wave ${w + 1}/${count} (${escapeLogText(fleet.waves[w].name)}): ${escapeLogText(fleet.waves[w].targets.join(', '))}.`);
      }
      this.canaryDeployed = true;
      this.weight = 0;
      // Each wave's 100 % step is compared with its own hosts' stable requests.
      this.stableEvidence.length = 0;
      this.stableEvidenceWeights.length = 0;
      await this.deps.target.deployCanary(this.release, this.context(0));
      this.event('canary-started', `${this.release.version} is running beside ${this.previous?.version ?? 'nothing'} at 0 %`);
      outcome = baseline ? await this.walkSteps() : await this.judgeFirstRelease();
      if (!fleet) return outcome;
      if (outcome.result !== 'promoted') {
        return { result: outcome.result, reason: `${this.wavePrefix()}${outcome.reason.replace(/\.$/, '')}${this.wavesRestored()}.` };
      }
      this.waveResults[w] = 'promoted';
      this.event('wave-promoted', `wave ${w + 1}/${count} (${fleet.waves[w].name}) runs ${this.release.version}`);
      if (w < count - 1) {
        const n = this.plan.steps.length;
        await this.recordProgress(`Wave ${fleet.waves[w].name} promoted to ${this.release.version}; next: ${fleet.waves[w + 1].name}`, {
          weight: 100,
          step: n,
          steps: n,
          paused: false,
          ...this.waveProgress()
        });
      }
    }
    if (!fleet) return outcome;
    return {
      result: 'promoted',
      reason: `${this.release.version} was promoted in all ${count} waves (${fleet.waves.map((w) => w.name).join(' → ')}): ${outcome.reason}`
    };
  }

  /** Index of the wave in progress (fleets only). */
  private wave = -1;
  private readonly waveResults: ('started' | 'promoted')[] = [];

  private wavePrefix(): string {
    const fleet = this.deps.target.fleet;
    if (!fleet || this.wave < 0) return '';
    return `Wave ${this.wave + 1}/${fleet.waves.length} (${fleet.waves[this.wave].name}): `;
  }

  /** This run's own restore (not an orphan's retired before it began). */
  private restoreAttempted = false;
  private restoreFailed = false;
  private restoredWaves: string[] = [];

  /** " in waves b and a (newest first)" after a fleet's rollback that succeeded. */
  private wavesRestored(): string {
    if (this.restoreFailed) return '';
    const names = this.restoredWaves;
    return names.length ? ` in ${names.length === 1 ? 'wave' : 'waves'} ${names.join(' and ')}${names.length > 1 ? ' (newest first)' : ''}` : '';
  }

  private waveReports(): WaveReport[] | undefined {
    const fleet = this.deps.target.fleet;
    if (!fleet) return undefined;
    const restored = new Set(this.restoredWaves);
    const result = (name: string, i: number): WaveReport['result'] => {
      const state = this.waveResults[i];
      if (!state) return 'not-started';
      if (!this.restoreAttempted) return state === 'promoted' ? 'promoted' : 'failed';
      return restored.has(name) ? 'rolled-back' : 'failed';
    };
    return fleet.waves.map((w, i) => ({
      name: w.name,
      targets: [...w.targets],
      result: result(w.name, i),
      steps: this.steps.flatMap((s, k) => (s.wave === i ? [k] : []))
    }));
  }

  /**
   * No baseline at all (no stable on the target or in the ledger, no stable-url): the canary is
   * held to absolute bounds over the first step instead of being compared with anything.
   */
  private async judgeFirstRelease(): Promise<Outcome> {
    this.firstRelease = true;
    const weight = this.plan.steps[0];
    await this.shift(0, weight);
    this.deps.logger.info(
      `Nothing to compare ${this.release.version} with (first release of ${this.env}): checking it against absolute bounds at ${weight} % for up to ${formatDuration(this.plan.stepDurationMs)}.`
    );
    const step = await this.analyseStep({ index: 0, weight }, this.deps.createFirstReleaseJudge);
    this.steps.push(step);
    const v = step.verdict;
    const why = v.reason.replace(/\.\s*$/, '');
    this.deps.logger.info(`First-release verdict: ${v.decision === 'continue' ? 'inconclusive' : v.decision} — ${escapeLogText(v.reason)}`);
    if (v.decision === 'fail') {
      this.event('verdict-fail', v.reason);
      return this.failVerdict(why);
    }
    const outcome = stepOutcome(v.decision, this.plan.analysis.onInconclusive);
    if (outcome !== 'pass') {
      const policy = this.plan.analysis.onInconclusive;
      this.event('inconclusive', `${v.reason} (on-inconclusive: ${policy})`);
      if (outcome === 'inconclusive-rollback') return this.failVerdict(`first release inconclusive at ${weight} % and on-inconclusive is rollback: ${why}`);
      if (outcome === 'inconclusive-pause') return this.pause(0, weight, `the first release was inconclusive at ${weight} %: ${why}`);
      await this.promoteNow();
      return {
        result: 'promoted',
        reason: `${this.release.version} was promoted without a decision as the first release of ${this.env}: the absolute checks at ${weight} % ended inconclusive (${why}) and on-inconclusive is promote.`
      };
    }
    this.event('verdict-pass', v.reason);
    if (this.plan.pauseBeforeLast)
      return this.pause(0, weight, `the first release passed the absolute checks at ${weight} % (${why}) and the plan pauses before 100 %`);
    await this.promoteNow();
    return {
      result: 'promoted',
      reason: `${this.release.version} is the first release of ${this.env}: with nothing to compare with, it was held to absolute bounds at ${weight} % and stayed within them over ${v.samples.canary} requests; promoted.`
    };
  }

  private async walkSteps(): Promise<Outcome> {
    const { logger } = this.deps;
    const n = this.plan.steps.length;
    const undecided: number[] = [];
    // One judge for the rollout (this wave's): a judge with beginStep carries its evidence across steps.
    const carried: CarriedJudge = {};
    for (let i = 0; i < n; i++) {
      this.checkCancelled();
      const weight = this.plan.steps[i];
      if (this.plan.pauseBeforeLast && i === n - 1) {
        return this.pause(i - 1, this.weight, `the plan pauses before ${weight} %`);
      }
      await this.shift(i, weight);
      logger.info(`Step ${i + 1}/${n}: ${this.release.version} at ${weight} % — analysing for up to ${formatDuration(this.plan.stepDurationMs)}`);
      const step = await this.analyseStep({ index: i, weight }, this.deps.createJudge, carried);
      this.steps.push(step);
      const v = step.verdict;
      const why = v.reason.replace(/\.\s*$/, '');
      logger.info(`Step ${i + 1} verdict: ${v.decision === 'continue' ? 'inconclusive' : v.decision} — ${escapeLogText(v.reason)}`);
      if (v.decision === 'fail') {
        this.event('verdict-fail', v.reason);
        return this.failVerdict(why);
      }
      const outcome = stepOutcome(v.decision, this.plan.analysis.onInconclusive);
      if (outcome !== 'pass') {
        const policy = this.plan.analysis.onInconclusive;
        this.event('inconclusive', `${v.reason} (on-inconclusive: ${policy})`);
        if (outcome === 'inconclusive-rollback') return this.failVerdict(`inconclusive at ${weight} % and on-inconclusive is rollback: ${why}`);
        if (outcome === 'inconclusive-pause') return this.pause(i, weight, `inconclusive at ${weight} %: ${why}`);
        undecided.push(weight);
      } else {
        this.event('verdict-pass', v.reason);
      }
    }
    await this.promoteNow();
    const all = stepsText(this.plan);
    if (undecided.length === 0) return { result: 'promoted', reason: `${this.release.version} passed every step (${all} %) and was promoted.` };
    if (undecided.length === n) {
      return {
        result: 'promoted',
        reason: `${this.release.version} was promoted without a decision: every step (${all} %) ended inconclusive, and on-inconclusive is promote.`
      };
    }
    return {
      result: 'promoted',
      reason: `${this.release.version} was promoted: the steps at ${undecided.join(', ')} % ended inconclusive (on-inconclusive is promote) and the others passed.`
    };
  }

  /** The run ends here; the canary keeps its weight until someone promotes or aborts it. */
  private pause(stepIndex: number, weight: number, why: string): Outcome {
    this.event('paused', `waiting at ${weight} % for action: promote or abort`);
    this.pausedAt = { stepIndex, weight };
    return { result: 'paused', reason: `Paused at ${weight} %: ${why}; finish it with canary-deploy action: promote (to 100 %) or action: abort.` };
  }

  private pausedAt: { stepIndex: number; weight: number } | null = null;

  private async shift(i: number, weight: number): Promise<void> {
    await this.deps.target.setWeight(weight, this.context(weight));
    this.weight = weight;
    this.event('weight', `canary at ${weight} %`);
    await this.recordProgress(`Canary ${this.release.version} at ${weight} %`, {
      weight,
      step: i + 1,
      steps: this.plan.steps.length,
      paused: false,
      ...this.waveProgress()
    });
  }

  private waveProgress(): { wave?: number; waves?: number } {
    const fleet = this.deps.target.fleet;
    return fleet && this.wave >= 0 ? { wave: this.wave + 1, waves: fleet.waves.length } : {};
  }

  private async promoteNow(): Promise<void> {
    await this.deps.target.promote(this.context(100));
    this.weight = 100;
    this.event('promoted', `${this.release.version} is now stable`);
  }

  private async failVerdict(why: string): Promise<Outcome> {
    const at = this.weight;
    if (!this.plan.autoRollback) {
      // Even without auto-rollback no user traffic stays on a failing canary: it keeps running at 0 % for inspection.
      await this.deps.target.setWeight(0, this.context(0));
      this.weight = 0;
      this.event('held', 'auto-rollback is false: canary kept at 0 % for inspection');
      return {
        result: 'failed',
        reason: `Canary failed at ${at} %: ${why}; auto-rollback is false, so it was moved to 0 % and left running (abort it when done).`
      };
    }
    const restored = await this.restoreStable(why);
    if (!restored) return { result: 'failed', reason: `Canary failed at ${at} %: ${why}; ${this.restoreFailure()}` };
    return { result: 'rolled-back', reason: `Rolled back at ${at} %: ${why}.` };
  }

  /** Puts all traffic back on the previous version; never throws. */
  private async restoreStable(why: string): Promise<boolean> {
    if (!this.canaryDeployed) return true;
    const t0 = this.clock.now();
    this.restoreAttempted = true;
    let trafficMs: number | null = null;
    try {
      // A fleet restores several waves: traffic is back when the last of them is.
      const onTrafficRestored = () => void (trafficMs = this.clock.now() - t0);
      await this.deps.target.rollback(this.previous, { ...this.context(0), signal: undefined, onTrafficRestored });
      this.restoredWaves = [...(this.deps.target.fleet?.lastRolledBack() ?? [])];
      const doneMs = this.clock.now() - t0;
      this.rollbackMs = trafficMs ?? doneMs;
      this.weight = 0;
      this.event('rolled-back', `traffic on ${this.stableName()} at 100 %${this.wavesRestored()} (${this.rollbackMs} ms) — ${why}`);
      if (trafficMs !== null) this.event('canary-retired', `the rollback-command finished ${doneMs} ms after the verdict`);
      return true;
    } catch (err) {
      // A fleet tries every wave: those restored are named, the others reported failed.
      this.restoredWaves = [...(this.deps.target.fleet?.lastRolledBack() ?? [])];
      this.restoreFailed = true;
      this.restoreError = errorMessage(err);
      this.event('rollback-failed', errorMessage(err));
      this.deps.logger.warning(`Rollback failed: ${escapeLogText(errorMessage(err))}.`);
      return false;
    }
  }

  private stableName(): string {
    if (this.previous) return this.previous.version;
    return this.deps.stableUrlGiven ? 'the version behind stable-url' : 'nothing (it was the first release, so no version serves traffic)';
  }

  private async analyseStep(step: StepInfo, createJudge: JudgeFactory, carried?: CarriedJudge): Promise<StepReport> {
    const clock = this.clock;
    const startedAt = clock.now();
    const status = await this.deps.target.status();
    const sources = this.deps.signalSources(step, status, this.release, this.previous);
    await Promise.all(sources.map((s) => s.start({ weight: step.weight, startedAt })));
    const baseline = this.baselineFor(step, sources);
    // The same rules pick the judge when a recorded rollout is replayed (step-rules.ts).
    const judge = startStepJudge(baseline.kind, this.plan.analysis, step, { createJudge, createFirstReleaseJudge: this.deps.createFirstReleaseJudge }, carried);
    if (baseline.note) this.deps.logger.info(baseline.note);
    // Routers that see only customers' requests (not probes) must send the canary its share.
    // (A source's samples carry its name in `source`.)
    const routers = new Set(sources.filter((s) => s.seesProbes === false).map((s) => s.name));
    const routersText = routers.size ? [...routers].join(' and ') : undefined;
    const share = { canary: 0, total: 0 };
    const samples: Sample[] = [];
    const looks: Look[] = [];
    // What the judge is fed, look by look, kept in the report so `shipgate replay` can judge it again.
    const evidence = new EvidenceRecorder(baseline.kind, startedAt, this.evidenceBudget, routersText);
    let replayed = 0;
    let verdict: Verdict;
    let final: boolean;
    try {
      for (;;) {
        await clock.sleep(this.plan.lookIntervalMs, this.deps.signal);
        const batches = await Promise.all(sources.map((s) => s.read()));
        const fresh = batches.flat();
        if (baseline.kind === 'earlier-steps') {
          // Each canary request is paired with the next stable request recorded at the earlier steps.
          const pool = this.stableEvidence;
          const add: Sample[] = [];
          for (const c of fresh) {
            if (c.side !== 'canary' || replayed >= pool.length) continue;
            add.push({ ...pool[replayed++], at: c.at, source: 'earlier-steps' });
          }
          fresh.push(...add);
        }
        samples.push(...fresh);
        for (const f of fresh) {
          if (f.source === undefined || !routers.has(f.source)) continue;
          share.total++;
          if (f.side === 'canary') share.canary++;
        }
        const elapsedMs = clock.now() - startedAt;
        // Latencies to 0.1 ms and finish times to 1 ms: what the record keeps (sample-log.ts).
        const judged = normaliseSamples(fresh);
        evidence.look(elapsedMs, judged, routersText ? share : undefined);
        const seen = judgeLook(judge, judged, { elapsedMs, stepDurationMs: this.plan.stepDurationMs, weight: step.weight, routers: routersText, share });
        verdict = seen.verdict;
        final = seen.final;
        const entry = look(elapsedMs, samples, judge.statistics());
        looks.push(entry);
        this.tellLook(step, entry, verdict);
        if (seen.done) break;
      }
    } finally {
      await Promise.allSettled(sources.map((s) => s.stop()));
    }
    const canary = samples.filter((s) => s.side === 'canary');
    const stable = samples.filter((s) => s.side === 'stable');
    if (baseline.kind === 'live') this.keepStableEvidence(stable, step.weight);
    return {
      index: step.index,
      weight: step.weight,
      startedAt: new Date(startedAt).toISOString(),
      durationMs: clock.now() - startedAt,
      canary: sideStats(canary),
      stable: sideStats(stable),
      verdict,
      looks: thin(looks, 120),
      decidedByPolicy: verdict.decision === 'continue' && final,
      baseline: baseline.note ? baseline.note : undefined,
      ...(this.wave >= 0 ? { wave: this.wave } : {}),
      sources: countBy(samples),
      failingSamples: canary
        .filter((s) => !s.ok)
        .slice(0, 5)
        .map((s) => ({ status: s.status, detail: s.detail ?? '' })),
      evidence: evidence.evidence()
    };
  }

  /** The report's sample budget, shared by every step's record. */
  private readonly evidenceBudget = new SampleBudget();

  /** Tells the onLook hook about a look; a hook that throws changes nothing. */
  private tellLook(step: StepInfo, entry: Look, verdict: Verdict): void {
    const hook = this.deps.onLook;
    if (!hook) return;
    try {
      hook({
        step: step.index + 1,
        steps: this.plan.steps.length,
        weight: step.weight,
        ...(this.wave >= 0 ? { wave: this.wave + 1 } : {}),
        atMs: entry.atMs,
        stepDurationMs: this.plan.stepDurationMs,
        canary: entry.canarySamples,
        stable: entry.stableSamples,
        statistics: entry.statistics,
        decision: verdict.decision
      });
    } catch {
      // A progress line that cannot be drawn is no reason to change the rollout.
    }
  }

  /**
   * What the canary is compared with at this step. Normally live stable traffic. At 100 % a router
   * that counts real requests sees no stable request (and without stable-url nothing probes
   * stable): the canary is then compared with the stable requests recorded at the earlier steps,
   * or, when there are none, held to the absolute bounds of a first release.
   */
  private baselineFor(step: StepInfo, sources: readonly SignalSource[]): { kind: BaselineKind; note?: string } {
    const live = sources.some((s) => (s.covers?.(step.weight) ?? ['canary', 'stable']).includes('stable'));
    if (live || sources.length === 0) return { kind: 'live' };
    if (this.stableEvidence.length > 0) {
      return {
        kind: 'earlier-steps',
        note: `At ${step.weight} % no stable request is seen, so the canary is compared with the ${count(this.stableEvidence.length)} stable requests recorded at ${this.stableEvidenceWeights.join(' % and ')} %.`
      };
    }
    return {
      kind: 'absolute',
      note: `At ${step.weight} % no stable request is seen and no earlier step recorded any, so the canary is held to absolute bounds (error-tolerance${this.plan.analysis.maxLatencyMs !== undefined ? ', max-latency' : ''}).`
    };
  }

  /** Stable requests seen at the steps so far (the most recent STABLE_EVIDENCE_MAX): the baseline at 100 %. */
  private readonly stableEvidence: Sample[] = [];
  private readonly stableEvidenceWeights: number[] = [];

  private keepStableEvidence(stable: readonly Sample[], weight: number): void {
    if (stable.length === 0) return;
    this.stableEvidence.push(...stable);
    if (this.stableEvidence.length > STABLE_EVIDENCE_MAX) this.stableEvidence.splice(0, this.stableEvidence.length - STABLE_EVIDENCE_MAX);
    if (!this.stableEvidenceWeights.includes(weight)) this.stableEvidenceWeights.push(weight);
  }

  /**
   * Every weight change is in the ledger, so another run knows where the canary stands. One that
   * cannot be recorded stops the rollout (the caller rolls back): no more users go to a canary the
   * ledger does not know about.
   */
  private async recordProgress(description: string, progress: RolloutProgress): Promise<void> {
    try {
      await this.deps.ledger.record(this.deploymentId, 'in_progress', {
        description,
        progress,
        logUrl: this.deps.logUrl,
        environmentUrl: this.deps.environmentUrl
      });
    } catch (err) {
      this.event('ledger-failed', errorMessage(err));
      throw err;
    }
  }

  /** Records how the rollout ended; returns why it could not be recorded (a warning), else null. */
  private async recordOutcome(state: DeploymentState, reason: string, paused = false): Promise<string | null> {
    try {
      const progress =
        paused && this.pausedAt ? { weight: this.pausedAt.weight, step: this.pausedAt.stepIndex + 1, steps: this.plan.steps.length, paused: true } : undefined;
      await this.deps.ledger.record(this.deploymentId, state, {
        description: reason,
        progress,
        logUrl: this.deps.logUrl,
        environmentUrl: this.deps.environmentUrl
      });
      return null;
    } catch (err) {
      this.event('ledger-failed', errorMessage(err));
      this.deps.logger.warning(`Could not record the outcome in the ${this.deps.ledger.name} ledger: ${escapeLogText(errorMessage(err))}.`);
      return errorMessage(err);
    }
  }

  private async finishReport(result: RolloutResult, reason: string): Promise<RolloutReport> {
    const redact = this.deps.redact ?? ((t: string) => t);
    const report = buildReport({
      environment: this.env,
      deploymentId: this.deploymentId,
      result,
      reason: redact(reason),
      release: this.release,
      previous: this.previous,
      plan: this.plan,
      steps: this.steps.map((s) => ({ ...s, failingSamples: s.failingSamples?.map((f) => ({ ...f, detail: redact(f.detail) })) })),
      timeline: this.timeline.map((e) => (e.detail === undefined ? e : { ...e, detail: redact(e.detail) })),
      startedAt: new Date(this.startedAt).toISOString(),
      finishedAt: new Date(this.clock.now()).toISOString(),
      weight: result === 'promoted' ? 100 : this.weight,
      rollbackMs: this.rollbackMs,
      settled: this.settled,
      firstRelease: this.firstRelease,
      waves: this.waveReports(),
      freezeOverride: this.deps.freezeOverride
    });
    if (!this.deploymentId) return report;
    return announce(report, { notifiers: this.deps.notifiers, logger: this.deps.logger, logUrl: this.deps.logUrl, deploymentUrl: this.deps.deploymentUrl });
  }

  private context(weight: number): DeployContext {
    return {
      environment: this.env,
      deploymentId: this.deploymentId,
      version: this.release.version,
      previousVersion: this.previous?.version ?? '',
      weight,
      artifact: this.release.artifact,
      digest: this.release.digest,
      signal: this.deps.signal
    };
  }

  private checkCancelled(): void {
    if (this.deps.signal?.aborted) throw new CancelledError();
  }

  private event(event: string, detail?: string): void {
    this.timeline.push({ at: new Date(this.clock.now()).toISOString(), event, detail });
  }
}

function countBy(samples: readonly Sample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    const k = s.source ?? 'unknown';
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Stable samples kept for the 100 % step's comparison (about 2 MB at most). */
const STABLE_EVIDENCE_MAX = 20_000;

/** "GitHub is …" stays; "Could not …" becomes "could not …" inside a sentence. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) && !/^GitHub\b/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function look(atMs: number, samples: Sample[], statistics: Record<string, number>): Look {
  let cn = 0,
    ce = 0,
    sn = 0,
    se = 0;
  for (const s of samples) {
    if (s.side === 'canary') {
      cn++;
      if (!s.ok) ce++;
    } else {
      sn++;
      if (!s.ok) se++;
    }
  }
  return { atMs, canarySamples: cn, stableSamples: sn, canaryErrorRate: cn ? ce / cn : 0, stableErrorRate: sn ? se / sn : 0, statistics };
}

/** The deployment state a rollout's result leaves in the ledger. */
export function deploymentStateFor(result: RolloutResult): DeploymentState {
  switch (result) {
    case 'promoted':
      return 'success';
    case 'rolled-back':
      return 'failure';
    case 'paused':
      return 'in_progress';
    default:
      return 'error';
  }
}

/** Keeps at most `max` looks (first and last kept) so reports stay small on long steps. */
function thin(looks: Look[], max: number): Look[] {
  if (looks.length <= max) return looks;
  const out: Look[] = [];
  const stride = (looks.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(looks[Math.round(i * stride)]);
  return out;
}
