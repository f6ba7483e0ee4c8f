/** One commit and when it was made. */
export interface CommitTime {
  sha: string;
  /**
   * Committer date (ISO 8601): when the commit took the form that was deployed. Rebases,
   * squash merges and cherry-picks set it anew, so it is when the change landed on the branch.
   */
  committedAt: string;
  /** Author date (ISO 8601): when the change was first written; kept for reference only. */
  authoredAt: string;
}

/**
 * Port: when the commits a deployment brought were made (`git log`, the GitHub compare API).
 * Lead time for changes is measured from these timestamps.
 */
export interface CommitTimes {
  /** For sentences ("git log in /repo", "GitHub compare of acme/shop"). */
  readonly where: string;
  /**
   * The commits reachable from `commit` and not from `previous` (git's `previous..commit`), in
   * any order; without `previous` (a first deployment), `commit` alone. Throws one sentence when
   * a commit is unknown or the source cannot be read.
   */
  range(commit: string, previous?: string): Promise<CommitTime[]>;
}
