import type { DeploymentRecord } from '../ports/ledger.js';
import { byCreated } from './history.js';

/**
 * What became of a rollout, read from its record and the rollback records after it:
 * - promoted: reached 100 % (`success`, or `inactive` once a newer success replaced it);
 * - restored: went live (or stood paused) and a rollback record later restored an earlier version;
 * - rolled-back: the canary analysis, a cancellation or an abort took it back at a share of traffic;
 * - errored: the rollout itself failed (a command, the target, a refusal, an orphan retired);
 * - unfinished: still in progress, waiting or paused.
 */
export type RolloutOutcome = 'promoted' | 'restored' | 'rolled-back' | 'errored' | 'unfinished';

/**
 * What a rollback record was:
 * - restore: it restored a version after a promoted rollout failed in production;
 * - follow-up: it followed a rollout already taken back (rolled back or errored): the same
 *   incident, nothing new;
 * - unmatched: no rollout before it in the loaded history explains it;
 * - failed / unfinished: the rollback did not (yet) restore anything.
 */
export type RollbackRole = 'restore' | 'follow-up' | 'unmatched' | 'failed' | 'unfinished';

export interface ClassifiedRollout {
  record: DeploymentRecord;
  outcome: RolloutOutcome;
  paused: boolean;
  /** restored: the rollback record that restored the previous version. */
  restoredBy?: DeploymentRecord;
  /** The newest commit known to be live before this rollout began: where its change range starts. */
  previousCommit?: string;
}

export interface ClassifiedRollback {
  record: DeploymentRecord;
  role: RollbackRole;
}

export interface ClassifiedHistory {
  /** Rollouts of the window, oldest first. */
  rollouts: ClassifiedRollout[];
  /** Rollback records of the window, oldest first. */
  rollbacks: ClassifiedRollback[];
}

const ms = (iso: string): number => Date.parse(iso);
const succeeded = (r: DeploymentRecord): boolean => r.state === 'success' || r.state === 'inactive';

/**
 * Classifies the window's records. `earlier` (records before the window) is only read: it says
 * which commit was live when the window opened and which rollout an early rollback restored.
 */
export function classify(history: { records: readonly DeploymentRecord[]; earlier?: readonly DeploymentRecord[] }): ClassifiedHistory {
  const inWindow = new Set(history.records);
  const all = [...(history.earlier ?? []), ...history.records].sort(byCreated);
  const rollbackRecords = all.filter((r) => r.kind === 'rollback');
  const restoredBy = new Map<DeploymentRecord, DeploymentRecord>();
  const roles = new Map<DeploymentRecord, RollbackRole>();

  // A rollback marks the version it backs out of `failure` after its own success is recorded
  // (shared/engine/operations.ts), so that version's record was updated at or after the rollback
  // finished. A canary the analysis rolled back was recorded before any later rollback began.
  for (const v of all) {
    if (v.kind !== 'rollout' || v.state !== 'failure') continue;
    const r = rollbackRecords.find(
      (b) =>
        succeeded(b) &&
        !roles.has(b) &&
        b.release.version !== v.release.version &&
        ms(b.createdAt) >= ms(v.createdAt) &&
        ms(b.createdAt) <= ms(v.updatedAt) &&
        ms(b.updatedAt) <= ms(v.updatedAt)
    );
    if (r) {
      restoredBy.set(v, r);
      roles.set(r, 'restore');
    }
  }
  // The other rollbacks, by the rollout just before them.
  for (const b of rollbackRecords) {
    if (roles.has(b)) continue;
    if (b.state === 'error' || b.state === 'failure') {
      roles.set(b, 'failed');
      continue;
    }
    if (!succeeded(b)) {
      roles.set(b, 'unfinished');
      continue;
    }
    const before = all.filter((r) => r.kind === 'rollout' && r !== b && byCreated(r, b) < 0 && r.release.version !== b.release.version).at(-1);
    if (before && succeeded(before) && !restoredBy.has(before)) {
      // Promoted, then backed out of, but the `failure` mark did not land (the rollback could
      // not record it): the rollback still says the version failed in production.
      restoredBy.set(before, b);
      roles.set(b, 'restore');
    } else if (before && before.state === 'failure' && !restoredBy.has(before)) {
      roles.set(b, 'follow-up');
    } else if (before && before.state === 'error') {
      roles.set(b, 'follow-up');
    } else {
      roles.set(b, 'unmatched');
    }
  }

  // Which commit was live before each rollout: promoted rollouts and successful rollbacks change
  // it; a rollout without a commit leaves the last known commit in place.
  let liveCommit: string | undefined;
  const rollouts: ClassifiedRollout[] = [];
  const rollbacks: ClassifiedRollback[] = [];
  for (const r of all) {
    if (r.kind === 'rollback') {
      if (succeeded(r) && r.release.commit) liveCommit = r.release.commit;
      if (inWindow.has(r)) rollbacks.push({ record: r, role: roles.get(r) ?? 'unmatched' });
      continue;
    }
    const outcome = outcomeOf(r, restoredBy.has(r));
    const previousCommit = liveCommit ?? r.rollout?.previous?.commit;
    if ((outcome === 'promoted' || outcome === 'restored') && r.release.commit) liveCommit = r.release.commit;
    if (!inWindow.has(r)) continue;
    const by = restoredBy.get(r);
    rollouts.push({
      record: r,
      outcome,
      paused: outcome === 'unfinished' && r.progress?.paused === true,
      ...(by ? { restoredBy: by } : {}),
      ...(previousCommit !== undefined ? { previousCommit } : {})
    });
  }
  return { rollouts, rollbacks };
}

function outcomeOf(r: DeploymentRecord, restored: boolean): RolloutOutcome {
  if (restored) return 'restored';
  switch (r.state) {
    case 'success':
    case 'inactive':
      return 'promoted';
    case 'failure':
      return 'rolled-back';
    case 'error':
      return 'errored';
    default:
      return 'unfinished';
  }
}
