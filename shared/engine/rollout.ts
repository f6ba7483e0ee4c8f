import type { RolloutPlan } from '../model/plan.js';
import type { Release } from '../model/release.js';
import type { Look, RolloutReport, RolloutResult, StepReport, TimelineEvent } from '../model/report.js';
import type { Sample } from '../model/sample.js';
import type { Verdict } from '../model/verdict.js';
import type { DeployContext, DeployTarget, TargetStatus } from '../ports/deploy-target.js';
import type { JudgeFactory } from '../ports/judge.js';
import type { DeploymentState, Ledger } from '../ports/ledger.js';
import type { Notifier, RolloutEvent } from '../ports/notifier.js';
import type { SignalSource } from '../ports/signal-source.js';
import type { Logger } from '../util/log.js';
import { escapeLogText } from '../util/escape.js';
import { sideStats } from '../util/stats.js';
import { realClock, type Clock } from './clock.js';
import { CancelledError, errorMessage } from './errors.js';
import { notifyAll } from './notify.js';

export interface StepInfo {
  index: number;
  weight: number;
}

export interface EngineDeps {
  target: DeployTarget;
  ledger: Ledger;
  createJudge: JudgeFactory;
  /** Signal sources for one step; called after the canary runs so target URLs are known. */
  signals(step: StepInfo, status: TargetStatus, release: Release, previous: Release | null): SignalSource[];
  notifiers: Notifier[];
  logger: Logger;
  clock?: Clock;
  /** Aborted on cancellation: the engine rolls back and reports it. */
  signal?: AbortSignal;
  logUrl?: string;
  environmentUrl?: string;
  /** Called as soon as the ledger knows the deployment, so a post step can restore stable after a kill. */
  onDeploymentStarted?(info: { deploymentId: string; previous: Release | null; release: Release }): void;
  deploymentUrl?(deploymentId: string): string | undefined;
}

/** Runs one rollout: pending → canary(step i) → promoted | rolled-back | failed | paused. */
export async function runRollout(plan: RolloutPlan, release: Release, deps: EngineDeps): Promise<RolloutReport> {
  const run = new RolloutRun(plan, release, deps);
  return run.execute();
}

class RolloutRun {
  private readonly clock: Clock;
  private readonly timeline: TimelineEvent[] = [];
  private readonly steps: StepReport[] = [];
  private readonly startedAt: number;
  private deploymentId = '';
  private previous: Release | null = null;
  private weight = 0;
  private canaryDeployed = false;
  private rollbackMs: number | null = null;

  constructor(
    private readonly plan: RolloutPlan,
    private readonly release: Release,
    private readonly deps: EngineDeps
  ) {
    this.clock = deps.clock ?? realClock;
    this.startedAt = this.clock.now();
  }

  async execute(): Promise<RolloutReport> {
    const { target, ledger, logger } = this.deps;
    const env = this.plan.environment;
    const status = await target.status();
    if (status.canary && status.canary.version !== this.release.version) {
      throw new Error(
        `A canary of ${status.canary.version} is already running in ${env} at ${status.weight} %: promote or abort it (action: promote | abort) before deploying ${this.release.version}.`
      );
    }
    const lastGood = await ledger.lastGood(env, { excludeVersion: this.release.version });
    this.previous = status.stable ?? lastGood?.release ?? null;
    if (status.stable && status.stable.version === this.release.version && !status.canary) {
      this.event('noop', `${this.release.version} is already the stable version of ${env}`);
      return this.report('promoted', `${this.release.version} is already live in ${env}; nothing to do.`);
    }

    const record = await ledger.begin({
      environment: env,
      release: this.release,
      kind: 'rollout',
      description: `Canary ${this.release.version} (steps ${this.plan.steps.join(', ')} %)`,
      payload: { plan: this.plan, previousVersion: this.previous?.version ?? null },
      logUrl: this.deps.logUrl,
      environmentUrl: this.deps.environmentUrl
    });
    this.deploymentId = record.id;
    this.deps.onDeploymentStarted?.({ deploymentId: record.id, previous: this.previous, release: this.release });
    this.event('started', `deployment ${record.id}: ${this.previous?.version ?? 'nothing'} → ${this.release.version}`);
    await this.notify({ type: 'started', environment: env, version: this.release.version, deploymentId: record.id, logUrl: this.deps.logUrl });

    let result: RolloutResult;
    let reason: string;
    try {
      this.checkCancelled();
      this.canaryDeployed = true;
      await target.deployCanary(this.release, this.context(0));
      this.event('canary-started', `${this.release.version} is running beside ${this.previous?.version ?? 'nothing'} at 0 %`);
      if (!status.stable) {
        ({ result, reason } = await this.firstRelease());
      } else {
        ({ result, reason } = await this.walkSteps());
      }
    } catch (err) {
      const cancelled = err instanceof CancelledError || this.deps.signal?.aborted;
      const why = cancelled ? 'the job was cancelled' : errorMessage(err);
      logger.warning(`Rolling back ${this.release.version}: ${escapeLogText(why)}.`);
      const at = this.weight;
      const restored = await this.restoreStable(why);
      result = cancelled && restored ? 'rolled-back' : 'failed';
      reason = restored
        ? `${cancelled ? 'Cancelled' : 'Failed'} at ${at} %: ${why}; traffic is back on ${this.previous?.version ?? 'the previous version'}.`
        : `Failed at ${at} %: ${why}; restoring ${this.previous?.version ?? 'stable'} also failed — check the target by hand.`;
      await this.finish(result === 'rolled-back' ? 'failure' : 'error', reason);
      return this.report(result, reason);
    }
    await this.finish(stateFor(result), reason);
    return this.report(result, reason);
  }

  private async firstRelease(): Promise<{ result: RolloutResult; reason: string }> {
    // Nothing to compare with: the first version of an environment goes straight to 100 %.
    await this.deps.target.setWeight(100, this.context(100));
    this.weight = 100;
    await this.deps.target.promote(this.context(100));
    this.event('promoted', `${this.release.version} is the first release of ${this.plan.environment}`);
    return { result: 'promoted', reason: `${this.release.version} is the first release of ${this.plan.environment}: promoted without canary analysis (nothing to compare with).` };
  }

  private async walkSteps(): Promise<{ result: RolloutResult; reason: string }> {
    const { target, logger } = this.deps;
    for (let i = 0; i < this.plan.steps.length; i++) {
      this.checkCancelled();
      const weight = this.plan.steps[i];
      await target.setWeight(weight, this.context(weight));
      this.weight = weight;
      this.event('weight', `canary at ${weight} %`);
      logger.info(`Step ${i + 1}/${this.plan.steps.length}: ${this.release.version} at ${weight} % — analysing for up to ${Math.round(this.plan.stepDurationMs / 1000)} s`);
      const step = await this.analyseStep({ index: i, weight });
      this.steps.push(step);
      const v = step.verdict;
      const why = v.reason.replace(/\.\s*$/, '');
      logger.info(`Step ${i + 1} verdict: ${v.decision === 'continue' ? 'inconclusive' : v.decision} — ${escapeLogText(v.reason)}`);
      if (v.decision === 'fail') {
        this.event('verdict-fail', v.reason);
        return this.failVerdict(why);
      }
      if (v.decision === 'continue') {
        const policy = this.plan.analysis.onInconclusive;
        this.event('inconclusive', `${v.reason} (on-inconclusive: ${policy})`);
        if (policy === 'rollback') return this.failVerdict(`inconclusive at ${weight} % and on-inconclusive is rollback: ${why}`);
        if (policy === 'pause') {
          return { result: 'paused', reason: `Paused at ${weight} %: ${why}; run canary-deploy with action: promote or action: abort.` };
        }
      } else {
        this.event('verdict-pass', v.reason);
      }
    }
    await target.promote(this.context(100));
    this.weight = 100;
    this.event('promoted', `${this.release.version} is now stable`);
    return { result: 'promoted', reason: `${this.release.version} passed every step (${this.plan.steps.join(' → ')} %) and was promoted.` };
  }

  private async failVerdict(why: string): Promise<{ result: RolloutResult; reason: string }> {
    const at = this.weight;
    if (!this.plan.autoRollback) {
      // Even without auto-rollback no user traffic stays on a failing canary: it keeps running at 0 % for inspection.
      await this.deps.target.setWeight(0, this.context(0));
      this.weight = 0;
      this.event('held', 'auto-rollback is false: canary kept at 0 % for inspection');
      return { result: 'failed', reason: `Canary failed at ${at} %: ${why}; auto-rollback is false, so it was moved to 0 % and left running (abort it when done).` };
    }
    const restored = await this.restoreStable(why);
    if (!restored) return { result: 'failed', reason: `Canary failed at ${at} %: ${why}; restoring stable also failed — check the target by hand.` };
    return { result: 'rolled-back', reason: `Rolled back at ${at} %: ${why}.` };
  }

  /** Puts all traffic back on the previous version; never throws. */
  private async restoreStable(why: string): Promise<boolean> {
    if (!this.canaryDeployed) return true;
    const t0 = this.clock.now();
    try {
      await this.deps.target.rollback(this.previous, { ...this.context(0), signal: undefined });
      this.rollbackMs = this.clock.now() - t0;
      this.weight = 0;
      this.event('rolled-back', `traffic on ${this.previous?.version ?? 'nothing'} at 100 % (${this.rollbackMs} ms) — ${why}`);
      return true;
    } catch (err) {
      this.event('rollback-failed', errorMessage(err));
      this.deps.logger.warning(`Rollback failed: ${escapeLogText(errorMessage(err))}.`);
      return false;
    }
  }

  private async analyseStep(step: StepInfo): Promise<StepReport> {
    const clock = this.clock;
    const startedAt = clock.now();
    const status = await this.deps.target.status();
    const sources = this.deps.signals(step, status, this.release, this.previous);
    const judge = this.deps.createJudge(this.plan.analysis);
    const samples: Sample[] = [];
    const looks: Look[] = [];
    await Promise.all(sources.map((s) => s.start({ weight: step.weight, startedAt })));
    let verdict: Verdict;
    let final = false;
    try {
      for (;;) {
        await clock.sleep(this.plan.lookIntervalMs, this.deps.signal);
        const batches = await Promise.all(sources.map((s) => s.read()));
        const fresh = batches.flat();
        samples.push(...fresh);
        judge.observe(fresh);
        final = clock.now() - startedAt >= this.plan.stepDurationMs;
        verdict = judge.verdict(final);
        looks.push(this.look(clock.now() - startedAt, samples, judge.statistics()));
        if (verdict.decision !== 'continue' || final) break;
      }
    } finally {
      await Promise.allSettled(sources.map((s) => s.stop()));
    }
    const canary = samples.filter((s) => s.side === 'canary');
    const stable = samples.filter((s) => s.side === 'stable');
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
      failingSamples: canary
        .filter((s) => !s.ok)
        .slice(0, 5)
        .map((s) => ({ status: s.status, detail: s.detail ?? '' }))
    };
  }

  private look(atMs: number, samples: Sample[], statistics: Record<string, number>): Look {
    let cn = 0, ce = 0, sn = 0, se = 0;
    for (const s of samples) {
      if (s.side === 'canary') { cn++; if (!s.ok) ce++; } else { sn++; if (!s.ok) se++; }
    }
    return { atMs, canarySamples: cn, stableSamples: sn, canaryErrorRate: cn ? ce / cn : 0, stableErrorRate: sn ? se / sn : 0, statistics };
  }

  private async finish(state: DeploymentState, reason: string): Promise<void> {
    try {
      await this.deps.ledger.record(this.deploymentId, state, {
        description: reason,
        logUrl: this.deps.logUrl,
        environmentUrl: this.deps.environmentUrl
      });
    } catch (err) {
      // Traffic is already where it must be; a ledger failure is reported, not fatal.
      this.event('ledger-failed', errorMessage(err));
      this.deps.logger.warning(`Could not record the outcome in the ${this.deps.ledger.name} ledger: ${escapeLogText(errorMessage(err))}.`);
    }
  }

  private notify(event: RolloutEvent): Promise<string | undefined> {
    return notifyAll(this.deps.notifiers, event, this.deps.logger);
  }

  private async report(result: RolloutResult, reason: string): Promise<RolloutReport> {
    const report: RolloutReport = {
      schema: 'shipgate/rollout-report@1',
      environment: this.plan.environment,
      deploymentId: this.deploymentId,
      result,
      reason,
      release: this.release,
      previous: this.previous,
      plan: this.plan,
      steps: this.steps,
      timeline: this.timeline,
      startedAt: new Date(this.startedAt).toISOString(),
      finishedAt: new Date(this.clock.now()).toISOString(),
      weight: result === 'promoted' ? 100 : this.weight,
      rollbackMs: this.rollbackMs
    };
    if (this.deploymentId) {
      const url = await this.notify({
        type: 'finished',
        report,
        logUrl: this.deps.logUrl,
        deploymentUrl: this.deps.deploymentUrl?.(this.deploymentId)
      });
      if (url) report.incidentUrl = url;
    }
    return report;
  }

  private context(weight: number): DeployContext {
    return {
      environment: this.plan.environment,
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

function stateFor(result: RolloutResult): DeploymentState {
  switch (result) {
    case 'promoted': return 'success';
    case 'rolled-back': return 'failure';
    case 'paused': return 'in_progress';
    default: return 'error';
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
