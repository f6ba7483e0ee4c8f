import type { Release } from '../model/release.js';
import type { RolloutPlan } from '../model/plan.js';
import type { RolloutReport, RolloutResult, TimelineEvent } from '../model/report.js';
import type { DeployContext, DeployTarget } from '../ports/deploy-target.js';
import type { DeploymentRecord, DeploymentState, Ledger } from '../ports/ledger.js';
import type { Notifier } from '../ports/notifier.js';
import type { Logger } from '../util/log.js';
import { escapeLogText } from '../util/escape.js';
import { errorMessage } from './errors.js';
import { notifyAll } from './notify.js';

/** What the hand-driven operations (promote, abort, auto-rollback) need. */
export interface OperationDeps {
  target: DeployTarget;
  ledger: Ledger;
  notifiers: Notifier[];
  logger: Logger;
  plan: RolloutPlan;
  logUrl?: string;
  environmentUrl?: string;
  deploymentUrl?(deploymentId: string): string | undefined;
}

/** `action: promote`: the running canary becomes stable at 100 %. */
export async function promoteCanary(deps: OperationDeps): Promise<RolloutReport> {
  const env = deps.plan.environment;
  const status = await deps.target.status();
  if (!status.canary) throw new Error(`There is no canary in progress in ${env} to promote.`);
  const record = await inProgressRecord(deps.ledger, env, status.canary.version);
  const timeline: TimelineEvent[] = [];
  await deps.target.promote(ctx(env, record?.id ?? '', status.canary, status.stable, 100));
  timeline.push(event('promoted', `${status.canary.version} promoted by hand from ${status.weight} %`));
  const reason = `${status.canary.version} was promoted by hand from ${status.weight} %.`;
  if (record) await safeRecord(deps, record.id, 'success', reason);
  return finish(deps, { result: 'promoted', reason, release: status.canary, previous: status.stable, deploymentId: record?.id ?? '', weight: 100, timeline, rollbackMs: null });
}

/** `action: abort`: the running canary is retired, stable takes all traffic. */
export async function abortCanary(deps: OperationDeps, why = 'aborted by hand'): Promise<RolloutReport> {
  const env = deps.plan.environment;
  const status = await deps.target.status();
  if (!status.canary) throw new Error(`There is no canary in progress in ${env} to abort.`);
  const record = await inProgressRecord(deps.ledger, env, status.canary.version);
  const t0 = Date.now();
  await deps.target.rollback(status.stable, ctx(env, record?.id ?? '', status.canary, status.stable, 0));
  const rollbackMs = Date.now() - t0;
  const reason = `${status.canary.version} was ${why} at ${status.weight} %; traffic is back on ${status.stable?.version ?? 'nothing'}.`;
  if (record) await safeRecord(deps, record.id, 'failure', reason);
  return finish(deps, {
    result: 'rolled-back', reason, release: status.canary, previous: status.stable, deploymentId: record?.id ?? '', weight: 0,
    timeline: [event('rolled-back', reason)], rollbackMs
  });
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
  const env = deps.plan.environment;
  const status = await deps.target.status();
  const history = await deps.ledger.history(env, 30);
  const newest = history[0];
  const failing: Release | null = status.canary ?? (newest && newest.state !== 'success' ? newest.release : status.stable ?? newest?.release ?? null);
  let to: Release | null = null;
  if (options.toVersion) {
    // Reuse what the ledger knows of that version (artifact, digest) so the target can start it again.
    to = history.find((r) => r.release.version === options.toVersion)?.release ?? { version: options.toVersion };
  } else {
    const good = await deps.ledger.lastGood(env, { excludeVersion: failing?.version });
    to = good?.release ?? null;
  }
  if (!to) {
    throw new Error(
      `No known good version of ${env} to roll back to${failing ? ` (the failing version ${failing.version} is excluded)` : ''}: give "to-version", or deploy a good version first.`
    );
  }
  const timeline: TimelineEvent[] = [];
  const record = await deps.ledger.begin({
    environment: env,
    release: to,
    kind: 'rollback',
    description: `Rollback to ${to.version}: ${options.reason}`.slice(0, 140),
    payload: { reason: options.reason, failingVersion: failing?.version ?? null },
    logUrl: deps.logUrl,
    environmentUrl: deps.environmentUrl
  });
  const t0 = Date.now();
  try {
    await deps.target.rollback(to, ctx(env, record.id, failing ?? to, to, 0));
  } catch (err) {
    const why = `restoring ${to.version} failed: ${errorMessage(err)}`;
    await safeRecord(deps, record.id, 'error', why);
    // The playbook still runs: a failed restore is exactly when people must be told.
    const message = `Rollback of ${env} to ${to.version} failed: ${errorMessage(err)}; check the target by hand.`;
    await finish(deps, { result: 'failed', reason: message, release: failing ?? to, previous: to, deploymentId: record.id, weight: 0, timeline: [event('rollback-failed', why)], rollbackMs: null });
    throw new Error(message);
  }
  const rollbackMs = Date.now() - t0;
  timeline.push(event('rolled-back', `traffic on ${to.version} at 100 % (${rollbackMs} ms)`));
  const reason = `Rolled back ${env} to ${to.version}${failing && failing.version !== to.version ? ` from ${failing.version}` : ''}: ${options.reason}.`;
  await safeRecord(deps, record.id, 'success', reason);
  // The version that failed must not count as good any more.
  if (newest && failing && newest.release.version === failing.version && newest.id !== record.id && (newest.state === 'success' || newest.state === 'in_progress' || newest.state === 'pending')) {
    await safeRecord(deps, newest.id, 'failure', `Rolled back to ${to.version}: ${options.reason}`);
  }
  const report = await finish(deps, { result: 'rolled-back', reason, release: failing ?? to, previous: to, deploymentId: record.id, weight: 0, timeline, rollbackMs });
  return { report, restored: to };
}

async function inProgressRecord(ledger: Ledger, env: string, version: string): Promise<DeploymentRecord | undefined> {
  const history = await ledger.history(env, 20);
  return history.find((r) => r.release.version === version && (r.state === 'in_progress' || r.state === 'pending'));
}

async function safeRecord(deps: OperationDeps, id: string, state: DeploymentState, description: string): Promise<void> {
  try {
    await deps.ledger.record(id, state, { description, logUrl: deps.logUrl, environmentUrl: deps.environmentUrl });
  } catch (err) {
    deps.logger.warning(`Could not record ${state} for deployment ${id}: ${escapeLogText(errorMessage(err))}.`);
  }
}

function ctx(environment: string, deploymentId: string, release: Release, previous: Release | null, weight: number): DeployContext {
  return { environment, deploymentId, version: release.version, previousVersion: previous?.version ?? '', weight, artifact: release.artifact, digest: release.digest };
}

function event(name: string, detail: string): TimelineEvent {
  return { at: new Date().toISOString(), event: name, detail };
}

async function finish(
  deps: OperationDeps,
  r: { result: RolloutResult; reason: string; release: Release; previous: Release | null; deploymentId: string; weight: number; timeline: TimelineEvent[]; rollbackMs: number | null }
): Promise<RolloutReport> {
  const now = new Date().toISOString();
  const report: RolloutReport = {
    schema: 'shipgate/rollout-report@1',
    environment: deps.plan.environment,
    deploymentId: r.deploymentId,
    result: r.result,
    reason: r.reason,
    release: r.release,
    previous: r.previous,
    plan: deps.plan,
    steps: [],
    timeline: r.timeline,
    startedAt: r.timeline[0]?.at ?? now,
    finishedAt: now,
    weight: r.weight,
    rollbackMs: r.rollbackMs
  };
  const url = await notifyAll(deps.notifiers, { type: 'finished', report, logUrl: deps.logUrl, deploymentUrl: r.deploymentId ? deps.deploymentUrl?.(r.deploymentId) : undefined }, deps.logger);
  if (url) report.incidentUrl = url;
  return report;
}
