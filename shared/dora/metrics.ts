import type { CommitTime } from '../ports/commit-times.js';
import { quantileSorted } from '../util/stats.js';
import { BANDS_SOURCE, type Band, failureRateBand, frequencyBand, leadTimeBand, restoreBand } from './bands.js';
import type { ClassifiedHistory, ClassifiedRollout, RolloutOutcome } from './classify.js';
import { weeksBetween } from './weeks.js';

export const DORA_SCHEMA = 'shipgate/dora@1' as const;

/** The `dora` JSON (action output, `--json`): plain data, every field always present. */
export interface DoraReport {
  schema: typeof DORA_SCHEMA;
  environment: string;
  window: {
    since: string;
    until: string;
    days: number;
    /** False when the ledger returned nothing as old as `since` (see notes). */
    historyReachesSince: boolean;
  };
  bandsSource: string;
  records: { rollouts: number; rollbacks: number };
  outcomes: { promoted: number; restored: number; rolledBack: number; errored: number; unfinished: number; paused: number };
  deploymentFrequency: {
    /** Rollouts that went live in production: promoted + restored. */
    deployments: number;
    /** Every rollout begun in the window, whatever became of it. */
    attempts: number;
    perDay: number;
    perWeek: number;
    band: Band | null;
  };
  leadTime: {
    /** Promoted rollouts whose commits were counted. */
    deployments: number;
    commits: number;
    medianMs: number | null;
    p90Ms: number | null;
    band: Band | null;
    /** Promoted rollouts whose release names no commit. */
    deploymentsWithoutCommit: number;
    /** Promoted rollouts whose commit range could not be read (see notes). */
    rangesUnread: number;
  };
  changeFailureRate: {
    /** failures / changes, 0..1. */
    rate: number | null;
    failures: number;
    /** Rollouts that served production traffic: promoted + restored + rolled back. */
    changes: number;
    rolledBackByAnalysis: number;
    restoredAfterPromotion: number;
    band: Band | null;
  };
  timeToRestore: {
    restores: number;
    medianMs: number | null;
    p90Ms: number | null;
    band: Band | null;
    canary: { restores: number; medianMs: number | null };
    afterPromotion: { restores: number; medianMs: number | null };
  };
  /** ISO weeks of the window, oldest first. */
  weeks: { week: string; start: string; deployments: number; changes: number; failures: number }[];
  /** Every rollout of the window, oldest first. */
  deployments: {
    id: string;
    version: string;
    commit: string | null;
    createdAt: string;
    outcome: RolloutOutcome;
    paused: boolean;
    /** Commits counted for lead time (null: not a promoted rollout, or its range was not read). */
    commits: number | null;
    restoredBy: string | null;
    restoreMs: number | null;
  }[];
  /** Plain sentences on what the numbers leave out; Markdown rendering escapes them. */
  notes: string[];
}

/** A promoted rollout's change: the commits after `previous` up to `commit`. */
export interface ChangeRange {
  deploymentId: string;
  commit: string;
  previous?: string;
}

/** The ranges whose commit times lead time needs (promoted rollouts that name a commit). */
export function changeRanges(history: ClassifiedHistory): ChangeRange[] {
  return history.rollouts
    .filter((r) => r.outcome === 'promoted' && r.record.release.commit)
    .map((r) => ({
      deploymentId: r.record.id,
      commit: r.record.release.commit as string,
      ...(r.previousCommit !== undefined ? { previous: r.previousCommit } : {})
    }));
}

export interface MetricsInput {
  environment: string;
  since: Date;
  now: Date;
  history: ClassifiedHistory;
  /** Per deployment id (from changeRanges): its commits, or null when they could not be read. */
  commits: ReadonlyMap<string, readonly CommitTime[] | null>;
  historyReachesSince?: boolean;
  /** Sentences from loading (unread ranges, a short history), put before the computed ones. */
  notes?: readonly string[];
}

const DAY = 86_400_000;
const ms = (iso: string): number => Date.parse(iso);
const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** The four metrics from classified records and commit times: pure, no I/O. */
export function computeMetrics(input: MetricsInput): DoraReport {
  const { history, now, since } = input;
  const notes = [...(input.notes ?? [])];
  const count = (o: RolloutOutcome): number => history.rollouts.filter((r) => r.outcome === o).length;
  const promoted = count('promoted');
  const restored = count('restored');
  const rolledBack = count('rolled-back');
  const unfinished = history.rollouts.filter((r) => r.outcome === 'unfinished');
  const days = (now.getTime() - since.getTime()) / DAY;

  // Deployment frequency: rollouts that went live.
  const deployments = promoted + restored;
  const perDay = days > 0 ? deployments / days : 0;

  // Lead time: each commit once, with the first promoted rollout that brought it.
  const seen = new Set<string>();
  const leads: number[] = [];
  let leadDeployments = 0;
  let unread = 0;
  let early = 0;
  const commitsPer = new Map<string, number>();
  for (const r of history.rollouts) {
    if (r.outcome !== 'promoted' || !r.record.release.commit) continue;
    const list = input.commits.get(r.record.id);
    if (list === undefined || list === null) {
      unread++;
      continue;
    }
    leadDeployments++;
    let n = 0;
    for (const c of list) {
      if (seen.has(c.sha)) continue;
      seen.add(c.sha);
      n++;
      const lead = ms(r.record.createdAt) - ms(c.committedAt);
      if (lead < 0) early++;
      leads.push(Math.max(0, lead));
    }
    commitsPer.set(r.record.id, n);
  }
  leads.sort((a, b) => a - b);
  const leadMedian = quantileSorted(leads, 0.5);
  const withoutCommit = history.rollouts.filter((r) => r.outcome === 'promoted' && !r.record.release.commit);

  // Change failure rate and time to restore: one incident per failed rollout.
  const restoreOf = (r: ClassifiedRollout): number | null => {
    if (r.outcome === 'rolled-back') return ms(r.record.updatedAt) - ms(r.record.createdAt);
    if (r.outcome === 'restored' && r.restoredBy) return ms(r.restoredBy.updatedAt) - ms(r.record.createdAt);
    return null;
  };
  const canaryRestores = sortedOf(history.rollouts.filter((r) => r.outcome === 'rolled-back').map(restoreOf));
  const promotedRestores = sortedOf(history.rollouts.filter((r) => r.outcome === 'restored').map(restoreOf));
  const restores = [...canaryRestores, ...promotedRestores].sort((a, b) => a - b);
  const restoreMedian = quantileSorted(restores, 0.5);
  const failures = rolledBack + restored;
  const changes = promoted + restored + rolledBack;
  const rate = changes > 0 ? failures / changes : null;

  const weeks = weeksBetween(since.getTime(), now.getTime()).map((w) => {
    const inWeek = history.rollouts.filter((r) => ms(r.record.createdAt) >= w.start && ms(r.record.createdAt) < w.start + 7 * DAY);
    const has = (...o: RolloutOutcome[]): number => inWeek.filter((r) => o.includes(r.outcome)).length;
    return {
      week: w.label,
      start: new Date(w.start).toISOString().slice(0, 10),
      deployments: has('promoted', 'restored'),
      changes: has('promoted', 'restored', 'rolled-back'),
      failures: has('restored', 'rolled-back')
    };
  });

  if (withoutCommit.length > 0) {
    notes.push(
      `${plural(withoutCommit.length, 'promoted rollout names', 'promoted rollouts name')} no commit (${list(withoutCommit.map((r) => r.record.release.version))}): counted as deployments; their commits are counted with the next promoted rollout that names one.`
    );
  }
  if (early > 0) notes.push(`${plural(early, 'commit is', 'commits are')} dated after the rollout that deployed it (clock skew): counted as 0.`);
  if (unfinished.length > 0) {
    notes.push(
      `${plural(unfinished.length, 'rollout is', 'rollouts are')} not finished (${list(unfinished.map((r) => `${r.record.release.version}${r.paused ? ', paused' : ''}`))}): counted as attempts only, until they end.`
    );
  }
  const errored = history.rollouts.filter((r) => r.outcome === 'errored');
  if (errored.length > 0) {
    notes.push(
      `${plural(errored.length, 'rollout', 'rollouts')} ended in error (${list(errored.map((r) => r.record.release.version))}): counted as attempts, not as changes or failures.`
    );
  }
  const unmatched = history.rollbacks.filter((b) => b.role === 'unmatched');
  if (unmatched.length > 0) {
    notes.push(
      `${plural(unmatched.length, 'rollback', 'rollbacks')} (to ${list(unmatched.map((b) => b.record.release.version))}) follow no rollout in the loaded history: not counted.`
    );
  }
  const failedRollbacks = history.rollbacks.filter((b) => b.role === 'failed');
  if (failedRollbacks.length > 0) {
    notes.push(`${plural(failedRollbacks.length, 'rollback', 'rollbacks')} failed (to ${list(failedRollbacks.map((b) => b.record.release.version))}).`);
  }

  return {
    schema: DORA_SCHEMA,
    environment: input.environment,
    window: { since: since.toISOString(), until: now.toISOString(), days: round(days, 2), historyReachesSince: input.historyReachesSince ?? true },
    bandsSource: BANDS_SOURCE,
    records: { rollouts: history.rollouts.length, rollbacks: history.rollbacks.length },
    outcomes: {
      promoted,
      restored,
      rolledBack,
      errored: errored.length,
      unfinished: unfinished.length,
      paused: unfinished.filter((r) => r.paused).length
    },
    deploymentFrequency: {
      deployments,
      attempts: history.rollouts.length,
      perDay: round(perDay, 3),
      perWeek: round(perDay * 7, 2),
      band: days > 0 ? frequencyBand(perDay) : null
    },
    leadTime: {
      deployments: leadDeployments,
      commits: leads.length,
      medianMs: leadMedian,
      p90Ms: quantileSorted(leads, 0.9),
      band: leadMedian === null ? null : leadTimeBand(leadMedian),
      deploymentsWithoutCommit: withoutCommit.length,
      rangesUnread: unread
    },
    changeFailureRate: {
      rate: rate === null ? null : round(rate, 4),
      failures,
      changes,
      rolledBackByAnalysis: rolledBack,
      restoredAfterPromotion: restored,
      band: rate === null ? null : failureRateBand(rate)
    },
    timeToRestore: {
      restores: restores.length,
      medianMs: restoreMedian,
      p90Ms: quantileSorted(restores, 0.9),
      band: restoreMedian === null ? null : restoreBand(restoreMedian),
      canary: { restores: canaryRestores.length, medianMs: quantileSorted(canaryRestores, 0.5) },
      afterPromotion: { restores: promotedRestores.length, medianMs: quantileSorted(promotedRestores, 0.5) }
    },
    weeks,
    deployments: history.rollouts.map((r) => ({
      id: r.record.id,
      version: r.record.release.version,
      commit: r.record.release.commit ?? null,
      createdAt: r.record.createdAt,
      outcome: r.outcome,
      paused: r.paused,
      commits: commitsPer.get(r.record.id) ?? null,
      restoredBy: r.restoredBy?.id ?? null,
      restoreMs: restoreOf(r)
    })),
    notes
  };
}

function sortedOf(values: (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null).sort((a, b) => a - b);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first few, then how many more: a note stays one readable sentence. */
function list(items: string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
