import type { RolloutPlan } from '../model/plan.js';
import type { Release } from '../model/release.js';
import type { RolloutReport, RolloutResult, StepReport, TimelineEvent, WaveReport, FreezeOverride } from '../model/report.js';
import type { Notifier } from '../ports/notifier.js';
import type { Logger } from '../util/log.js';
import { INCIDENT_NOTIFIER, notifyAll, REVERT_PR_NOTIFIER } from './notify.js';

export interface ReportFacts {
  environment: string;
  deploymentId: string;
  result: RolloutResult;
  reason: string;
  release: Release;
  previous: Release | null;
  /** The plan the rollout ran with (an operation on a rollout it did not start: the recorded plan, if any). */
  plan: RolloutPlan | null;
  steps?: StepReport[];
  timeline: TimelineEvent[];
  startedAt: string;
  finishedAt: string;
  weight: number;
  rollbackMs: number | null;
  /** Other rollouts this run found and settled first (orphans retired). */
  settled?: string[];
  /** True when there was nothing to compare the canary with (first release). */
  firstRelease?: boolean;
  waves?: WaveReport[];
  freezeOverride?: FreezeOverride;
}

/** The one report shape every lifecycle path (rollout, promote, abort, restore, post step) returns. */
export function buildReport(f: ReportFacts): RolloutReport {
  return {
    schema: 'shipgate/rollout-report@1',
    environment: f.environment,
    deploymentId: f.deploymentId,
    result: f.result,
    reason: f.reason,
    release: f.release,
    previous: f.previous,
    plan: f.plan,
    steps: f.steps ?? [],
    timeline: f.timeline,
    startedAt: f.startedAt,
    finishedAt: f.finishedAt,
    weight: f.weight,
    rollbackMs: f.rollbackMs,
    ...(f.settled && f.settled.length ? { settled: f.settled } : {}),
    ...(f.firstRelease ? { firstRelease: true } : {}),
    ...(f.waves && f.waves.length ? { waves: f.waves } : {}),
    ...(f.freezeOverride ? { freezeOverride: f.freezeOverride } : {})
  };
}

export interface PublishContext {
  notifiers: readonly Notifier[];
  logger: Logger;
  logUrl?: string;
  deploymentUrl?(deploymentId: string): string | undefined;
  /** The commit the rollout's merge-gating status belongs on, when it is not this run's. */
  statusCommit?: string;
}

/** Tells every notifier that the rollout finished; keeps the incident URL one of them gave back. */
export async function announce(report: RolloutReport, c: PublishContext): Promise<RolloutReport> {
  const urls = await notifyAll(
    c.notifiers,
    {
      type: 'finished',
      report,
      logUrl: c.logUrl,
      deploymentUrl: report.deploymentId ? c.deploymentUrl?.(report.deploymentId) : undefined,
      ...(c.statusCommit ? { statusCommit: c.statusCommit } : {})
    },
    c.logger
  );
  if (urls[INCIDENT_NOTIFIER]) report.incidentUrl = urls[INCIDENT_NOTIFIER];
  if (urls[REVERT_PR_NOTIFIER]) report.revertPrUrl = urls[REVERT_PR_NOTIFIER];
  return report;
}
