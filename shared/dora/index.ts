import type { CommitTime, CommitTimes } from '../ports/commit-times.js';
import type { Ledger } from '../ports/ledger.js';
import { classify } from './classify.js';
import { loadHistory, type LoadHistoryOptions } from './history.js';
import { changeRanges, computeMetrics, type DoraReport } from './metrics.js';
import { parseSince } from './since.js';

export type { DoraReport } from './metrics.js';
export type { Band } from './bands.js';
export { parseSince, SinceError } from './since.js';
export { renderJson, renderMarkdown, renderMermaid } from './render.js';
export { GitLogCommitTimes } from './git-log.js';
export { GitHubCompareCommitTimes } from './github-compare.js';

export interface DoraOptions {
  ledger: Ledger;
  commits: CommitTimes;
  environment: string;
  /** `90d`, `12w`, `2026-09-01`, or a Date. */
  since: string | Date;
  /** End of the window (default: the current time). */
  now?: Date;
  history?: LoadHistoryOptions;
}

/**
 * The DORA report of one environment: reads the ledger back to `since`, asks for the commit
 * times of every promoted change, and computes the four metrics (docs/dora.md says how).
 * A commit range that cannot be read is left out with a note; a ledger that cannot be read throws.
 */
export async function doraReport(o: DoraOptions): Promise<DoraReport> {
  const now = o.now ?? new Date();
  const since = typeof o.since === 'string' ? parseSince(o.since, now) : o.since;
  const loaded = await loadHistory(o.ledger, o.environment, since, o.history);
  const history = classify(loaded);
  const notes: string[] = [];
  if (!loaded.reachedSince) {
    const oldest = loaded.records[0]?.createdAt;
    const where = o.ledger.where.charAt(0).toUpperCase() + o.ledger.where.slice(1);
    notes.push(`${where} returned nothing older than ${oldest ?? 'now'} (${loaded.records.length} records): deployments before that, if any, are not counted.`);
  }
  const commits = new Map<string, CommitTime[] | null>();
  // One range at a time: git and the GitHub API both prefer it, and ranges are few.
  for (const range of changeRanges(history)) {
    if (range.previous === range.commit) {
      commits.set(range.deploymentId, []);
      continue;
    }
    try {
      commits.set(range.deploymentId, await o.commits.range(range.commit, range.previous));
    } catch (err) {
      commits.set(range.deploymentId, null);
      notes.push(`Commits of deployment ${range.deploymentId} not counted: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return computeMetrics({ environment: o.environment, since, now, history, commits, historyReachesSince: loaded.reachedSince, notes });
}
