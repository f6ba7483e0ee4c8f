import type { Release } from '../model/release.js';
import type { FreezeOverride, RolloutReport, RolloutResult, TimelineEvent } from '../model/report.js';
import type { DeployContext, DeployTarget } from '../ports/deploy-target.js';
import type { DeploymentRecord, DeploymentState, EnvironmentView, Ledger, RunOwner } from '../ports/ledger.js';
import type { Notifier } from '../ports/notifier.js';
import type { Logger } from '../util/log.js';
import { ownerName, isOwnedBy } from '../ledgers/owner.js';
import { escapeLogText } from '../util/escape.js';
import { realClock, type Clock } from './clock.js';
import { errorMessage } from './errors.js';
import { announce, buildReport } from './report.js';

/** What the hand-driven operations (promote, abort, auto-rollback, the post step) need. */
export interface OperationDeps {
  environment: string;
  target: DeployTarget;
  ledger: Ledger;
  notifiers: Notifier[];
  logger: Logger;
  /** This run (an unfinished rollout it owns is its own, not another run's). */
  owner: RunOwner;
  clock?: Clock;
  logUrl?: string;
  environmentUrl?: string;
  deploymentUrl?: (deploymentId: string) => string | undefined;
}

/** The canary an operation acts on, as the ledger (else the target) knows it. */
interface FoundCanary {
  record: DeploymentRecord | null;
  release: Release;
  /** What traffic goes back to: the ledger's last good, else what the rollout recorded, else the target's stable. */
  stable: Release | null;
  weight: number;
  view: EnvironmentView;
}

/**
 * Finds the environment's unfinished rollout through the ledger, so an operation works from any
 * runner, hours later. A rollout whose run is still going is refused: that run decides it.
 */
async function findCanary(deps: OperationDeps, verb: 'promote' | 'abort'): Promise<FoundCanary> {
  const env = deps.environment;
  const view = await deps.ledger.view(env);
  const status = await deps.target.status();
  const record = view.active.at(-1) ?? null;
  if (record) {
    if (!record.progress?.paused && record.rollout?.owner && !isOwnedBy(deps.owner, record.rollout.owner)) {
      const owner = await deps.ledger.ownerState(record.rollout.owner);
      if (owner.state !== 'over') {
        throw new Error(
          `The canary ${record.release.version} in ${env} is still being rolled out by ${ownerName(record.rollout.owner)} (${owner.detail}): let it finish or pause, or cancel that run (its cancellation rolls back) instead of ${verb === 'promote' ? 'promoting' : 'aborting'} it here.`
        );
      }
    }
    const good = await deps.ledger.lastGood(env, { excludeVersion: record.release.version }).catch(() => view.lastGood);
    const stable = good?.release ?? record.rollout?.previous ?? status.stable;
    const weight = record.progress?.weight ?? (status.canary?.version === record.release.version ? status.weight : 0);
    if (status.canary && status.canary.version !== record.release.version) {
      deps.logger.warning(
        `The ${deps.target.name} target runs a canary of ${escapeLogText(status.canary.version)}, but the ledger's unfinished rollout is ${escapeLogText(record.release.version)}: acting on the ledger's.`
      );
    }
    return { record, release: record.release, stable, weight, view };
  }
  if (status.canary) {
    deps.logger.warning(
      `${deps.ledger.where} has no unfinished rollout of ${env}, but the ${deps.target.name} target runs a canary of ${escapeLogText(status.canary.version)}: acting on it.`
    );
    return { record: null, release: status.canary, stable: status.stable ?? view.lastGood?.release ?? null, weight: status.weight, view };
  }
  throw new Error(`There is no canary in progress in ${env} to ${verb}: ${deps.ledger.where} has no unfinished rollout of it.`);
}

/** `action: promote`: the canary becomes stable at 100 % (the person is the judge). */
export async function promoteCanary(deps: OperationDeps, options: { freezeOverride?: FreezeOverride } = {}): Promise<RolloutReport> {
  const clock = deps.clock ?? realClock;
  const startedAt = new Date(clock.now()).toISOString();
  const found = await findCanary(deps, 'promote');
  const id = found.record?.id ?? '';
  await deps.target.promote(ctx(deps.environment, id, found.release, found.stable, 100));
  const over = options.freezeOverride;
  const reason = `${found.release.version} was promoted by hand from ${found.weight} %${over ? `, overriding freeze ${over.window}: ${over.reason}` : ''}.`;
  if (found.record) await safeRecord(deps, found.record.id, 'success', reason);
  const timeline = [event(clock, 'promoted', `${found.release.version} promoted by hand from ${found.weight} %`)];
  if (over) timeline.unshift(event(clock, 'freeze-overridden', `freeze ${over.window} (${over.start} to ${over.end}): ${over.reason}`));
  return finish(deps, found, { result: 'promoted', reason, weight: 100, rollbackMs: null, startedAt, timeline, freezeOverride: over });
}

/** `action: abort`: the canary is retired and stable takes all traffic. */
export async function abortCanary(deps: OperationDeps, why = 'aborted by hand'): Promise<RolloutReport> {
  const clock = deps.clock ?? realClock;
  const startedAt = new Date(clock.now()).toISOString();
  const found = await findCanary(deps, 'abort');
  const id = found.record?.id ?? '';
  const t0 = clock.now();
  await deps.target.rollback(found.stable, ctx(deps.environment, id, found.release, found.stable, 0));
  const rollbackMs = clock.now() - t0;
  const reason = `${found.release.version} was ${why} at ${found.weight} %; traffic is back on ${found.stable?.version ?? 'the stable version'}.`;
  if (found.record) await safeRecord(deps, found.record.id, 'failure', reason);
  return finish(deps, found, { result: 'rolled-back', reason, weight: 0, rollbackMs, startedAt, timeline: [event(clock, 'rolled-back', reason)] });
}

export interface RestoreResult {
  report: RolloutReport;
  restored: Release;
}

/**
 * auto-rollback: restores `toVersion`, or the last known good version that is not the failing one.
 * With nothing to restore it throws before changing anything.
 */
export async function restoreVersion(deps: OperationDeps, options: { toVersion?: string; reason: string }): Promise<RestoreResult> {
  const env = deps.environment;
  const clock = deps.clock ?? realClock;
  const startedAt = new Date(clock.now()).toISOString();
  const view = await deps.ledger.view(env);
  const status = await deps.target.status();
  const history = view.history;
  const newest = history[0];
  const active = view.active.at(-1);
  if (active && !active.progress?.paused && active.rollout?.owner && !isOwnedBy(deps.owner, active.rollout.owner)) {
    const owner = await deps.ledger.ownerState(active.rollout.owner);
    if (owner.state !== 'over') {
      throw new Error(
        `The canary ${active.release.version} in ${env} is still being rolled out by ${ownerName(active.rollout.owner)} (${owner.detail}): cancel that run (its cancellation rolls back) rather than rolling back beside it.`
      );
    }
  }
  const failing: Release | null =
    active?.release ?? status.canary ?? (newest && newest.state !== 'success' ? newest.release : (status.stable ?? newest?.release ?? null));
  let to: Release | null;
  if (options.toVersion) {
    // Reuse what the ledger knows of that version (artifact, digest) so the target can start it again.
    to = history.find((r) => r.release.version === options.toVersion)?.release ?? { version: options.toVersion };
  } else {
    const good = await deps.ledger.lastGood(env, { excludeVersion: failing?.version });
    to = good?.release ?? null;
  }
  if (!to) {
    throw new Error(
      `No known good version of ${env} to roll back to${failing ? ` (the failing version ${failing.version} is excluded)` : ''} in ${deps.ledger.where}: give "to-version", or deploy a good version first.`
    );
  }
  // A version the target cannot start again is refused here, before anything is recorded or started.
  await deps.target.preflight?.({ restore: to });
  const record = await deps.ledger.begin({
    environment: env,
    release: to,
    kind: 'rollback',
    description: `Rollback to ${to.version}: ${options.reason}`.slice(0, 140),
    payload: { reason: options.reason, failingVersion: failing?.version ?? null },
    logUrl: deps.logUrl,
    environmentUrl: deps.environmentUrl
  });
  const found: FoundCanary = { record, release: failing ?? to, stable: to, weight: 0, view };
  const t0 = clock.now();
  try {
    await deps.target.rollback(to, ctx(env, record.id, failing ?? to, to, 0));
  } catch (err) {
    const why = `restoring ${to.version} failed: ${errorMessage(err)}`;
    await safeRecord(deps, record.id, 'error', why);
    // The playbook still runs: a failed restore is exactly when people must be told.
    const message = `Rollback of ${env} to ${to.version} failed: ${errorMessage(err)}; check the target by hand.`;
    await finish(deps, found, { result: 'failed', reason: message, weight: 0, rollbackMs: null, startedAt, timeline: [event(clock, 'rollback-failed', why)] });
    throw new Error(message, { cause: err });
  }
  const rollbackMs = clock.now() - t0;
  const reason = `Rolled back ${env} to ${to.version}${failing && failing.version !== to.version ? ` from ${failing.version}` : ''}: ${options.reason}.`;
  await safeRecord(deps, record.id, 'success', reason);
  // The version that failed must not count as good any more, nor stay unfinished.
  for (const r of history) {
    if (r.id === record.id || !failing || r.release.version !== failing.version) continue;
    if (r.state === 'success' || r.state === 'in_progress' || r.state === 'pending') {
      await safeRecord(deps, r.id, 'failure', `Rolled back to ${to.version}: ${options.reason}`);
    }
    break;
  }
  const report = await finish(deps, found, {
    result: 'rolled-back',
    reason,
    weight: 0,
    rollbackMs,
    startedAt,
    timeline: [event(clock, 'rolled-back', `traffic on ${to.version} at 100 % (${rollbackMs} ms)`)]
  });
  return { report, restored: to };
}

/** What a step hands to its post step: enough to restore stable even if the ledger cannot be read. */
export interface Handover {
  id: string;
  version: string;
  previous: Release | null;
}

/**
 * The post step of a rollout whose main step was stopped: if the ledger still shows the rollout
 * unfinished (and not paused), stable takes all traffic again and the record says why.
 * Returns null when there was nothing to do.
 */
export async function finishAbandoned(deps: OperationDeps, handover: Handover): Promise<RolloutReport | null> {
  const clock = deps.clock ?? realClock;
  const startedAt = new Date(clock.now()).toISOString();
  let view: EnvironmentView | null = null;
  try {
    view = await deps.ledger.view(deps.environment);
  } catch (err) {
    deps.logger.warning(
      `Could not read ${escapeLogText(deps.ledger.where)} (${escapeLogText(errorMessage(err))}): restoring from what the main step handed over.`
    );
  }
  const record = view?.history.find((r) => r.id === handover.id) ?? null;
  if (record && record.state !== 'in_progress' && record.state !== 'pending') return null;
  if (record?.progress?.paused) return null;
  const stable = handover.previous ?? record?.rollout?.previous ?? null;
  const release: Release = record?.release ?? { version: handover.version };
  deps.logger.warning(
    `The rollout of ${escapeLogText(release.version)} (deployment ${handover.id}) did not finish: restoring ${escapeLogText(stable?.version ?? 'the previous version')}.`
  );
  const status = await deps.target.status();
  const t0 = clock.now();
  if (status.canary || status.stable?.version !== stable?.version) {
    await deps.target.rollback(stable, ctx(deps.environment, handover.id, release, stable, 0));
  }
  const rollbackMs = clock.now() - t0;
  const reason = `The job ended before the rollout of ${release.version} finished; traffic is back on ${stable?.version ?? 'the previous version'}.`;
  await safeRecord(deps, handover.id, 'failure', reason);
  const found: FoundCanary = { record, release, stable, weight: 0, view: view ?? { lastGood: null, active: [], history: [] } };
  return finish(deps, found, {
    result: 'rolled-back',
    reason,
    weight: 0,
    rollbackMs,
    startedAt,
    timeline: [event(clock, 'rolled-back', 'post step after the main step was stopped')]
  });
}

async function safeRecord(deps: OperationDeps, id: string, state: DeploymentState, description: string): Promise<void> {
  try {
    await deps.ledger.record(id, state, { description, logUrl: deps.logUrl, environmentUrl: deps.environmentUrl });
  } catch (err) {
    deps.logger.warning(`Could not record ${state} for deployment ${id}: ${escapeLogText(errorMessage(err))}.`);
  }
}

function ctx(environment: string, deploymentId: string, release: Release, previous: Release | null, weight: number): DeployContext {
  return {
    environment,
    deploymentId,
    version: release.version,
    previousVersion: previous?.version ?? '',
    weight,
    artifact: release.artifact,
    digest: release.digest
  };
}

function event(clock: Clock, name: string, detail: string): TimelineEvent {
  return { at: new Date(clock.now()).toISOString(), event: name, detail };
}

async function finish(
  deps: OperationDeps,
  found: FoundCanary,
  r: {
    result: RolloutResult;
    reason: string;
    weight: number;
    timeline: TimelineEvent[];
    rollbackMs: number | null;
    startedAt: string;
    freezeOverride?: FreezeOverride;
  }
): Promise<RolloutReport> {
  const clock = deps.clock ?? realClock;
  const report = buildReport({
    environment: deps.environment,
    deploymentId: found.record?.id ?? '',
    result: r.result,
    reason: r.reason,
    release: found.release,
    previous: found.stable,
    plan: found.record?.rollout?.plan ?? null,
    timeline: r.timeline,
    startedAt: r.startedAt,
    finishedAt: new Date(clock.now()).toISOString(),
    weight: r.weight,
    rollbackMs: r.rollbackMs,
    freezeOverride: r.freezeOverride
  });
  return announce(report, {
    notifiers: deps.notifiers,
    logger: deps.logger,
    logUrl: deps.logUrl,
    deploymentUrl: deps.deploymentUrl,
    statusCommit: found.record?.rollout?.statusCommit
  });
}
