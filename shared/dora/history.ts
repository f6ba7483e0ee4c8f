import type { DeploymentRecord, Ledger } from '../ports/ledger.js';

export interface LoadedHistory {
  /** Records created at or after `since`, oldest first. */
  records: DeploymentRecord[];
  /**
   * Records created before `since` that came with the last read, oldest first: not counted, but
   * they say what was live when the window opened and which rollout an early rollback restored.
   */
  earlier: DeploymentRecord[];
  /** True when the ledger was read back past `since` (or holds nothing older). */
  reachedSince: boolean;
  /** The ledger returned fewer records than asked: it holds no more. */
  exhausted: boolean;
}

export interface LoadHistoryOptions {
  /** First read (default 50); doubled while the window is not covered. */
  initialLimit?: number;
  /** Largest read (default 3200): a bound on a ledger that never stops answering. */
  maxLimit?: number;
}

/**
 * Reads an environment's history back to `since`. Ledger.history only takes a count (newest
 * first), so the count grows until the oldest record returned is older than `since`, the ledger
 * has no more, or `maxLimit` is reached.
 */
export async function loadHistory(ledger: Ledger, environment: string, since: Date, options: LoadHistoryOptions = {}): Promise<LoadedHistory> {
  const max = Math.max(1, options.maxLimit ?? 3200);
  let limit = Math.min(max, Math.max(1, options.initialLimit ?? 50));
  const start = since.getTime();
  for (;;) {
    const list = await ledger.history(environment, limit);
    const oldest = list.at(-1);
    const exhausted = list.length < limit;
    const pastSince = oldest !== undefined && Date.parse(oldest.createdAt) < start;
    if (pastSince || exhausted || limit >= max) {
      const chronological = [...list].sort(byCreated);
      return {
        records: chronological.filter((r) => Date.parse(r.createdAt) >= start),
        earlier: chronological.filter((r) => Date.parse(r.createdAt) < start),
        // Both ledgers page through their whole history up to the limit asked for, so fewer
        // records than asked means there are no older ones.
        reachedSince: pastSince || exhausted,
        exhausted
      };
    }
    limit = Math.min(max, limit * 2);
  }
}

/** Oldest first; ties by numeric id (ids grow with time in both ledgers). */
export function byCreated(a: DeploymentRecord, b: DeploymentRecord): number {
  const d = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (d !== 0) return d;
  const na = Number(a.id);
  const nb = Number(b.id);
  return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.id.localeCompare(b.id);
}
